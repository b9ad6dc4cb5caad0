// How many seats an organization uses against its limit, and the refusal when none is left.
//
// Counting reads the member index's per-status counts once the organization is indexed; until
// then it walks the organization's members (Scalekit has no per-status count). Either runs only
// for the seats summary, a limit change, a bulk import and a refused invite, never for a single
// invite that goes through.
import { seatLimitReachedMessage, type SeatUsage } from '@app/contracts';
import { AppError } from '../errors/app-error.js';
import type { MemberIndex } from '../member-index/member-index.js';
import { forEachMember } from '../team/member-directory.js';
import type { ScalekitGateway } from '../team/scalekit-types.js';
import { readSeatLimit } from './seat-limit.js';

export function seatUsage(
  limit: number | null,
  counts: { active: number; pending: number },
): SeatUsage {
  return { limit, used: counts.active + counts.pending, ...counts };
}

/** Active members and pending invitations of the organization: from the index when built. */
export async function readSeatCounts(
  gateway: ScalekitGateway,
  index: MemberIndex,
  organizationId: string,
): Promise<{ active: number; pending: number }> {
  if (await index.isReady(organizationId)) {
    const { active, pending } = await index.store.counts(organizationId);
    return { active, pending };
  }
  const counts = { active: 0, pending: 0 };
  await forEachMember(gateway, organizationId, (member) => {
    if (member.status === 'active') counts.active += 1;
    else if (member.status === 'pending') counts.pending += 1;
    return true;
  });
  return counts;
}

export async function readSeatUsage(
  gateway: ScalekitGateway,
  index: MemberIndex,
  organizationId: string,
): Promise<SeatUsage> {
  const [limit, counts] = await Promise.all([
    readSeatLimit(gateway, organizationId),
    readSeatCounts(gateway, index, organizationId),
  ]);
  return seatUsage(limit, counts);
}

export function seatLimitReached(usage: SeatUsage, cause?: unknown): AppError {
  return new AppError('seat_limit_reached', seatLimitReachedMessage(usage), { cause });
}
