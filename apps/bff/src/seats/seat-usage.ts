// How many seats an organization uses against its limit, and the refusal when none is left.
//
// Counting walks the organization's members (Scalekit has no per-status count); the walk is
// paged and only runs for the seats summary, a limit change and a refused invite, never for an
// invite that goes through. A per-organization member index would replace `countSeats`.
import { seatLimitReachedMessage, type SeatUsage } from '@app/contracts';
import { AppError } from '../errors/app-error.js';
import type { Member } from '@app/contracts';
import { forEachMember } from '../team/member-directory.js';
import type { ScalekitGateway } from '../team/scalekit-types.js';
import { readSeatLimit } from './seat-limit.js';

/** Active members and pending invitations among `members`: the two kinds that take a seat. */
export function countSeats(members: Iterable<Pick<Member, 'status'>>): {
  active: number;
  pending: number;
} {
  let active = 0;
  let pending = 0;
  for (const member of members) {
    if (member.status === 'active') active += 1;
    else if (member.status === 'pending') pending += 1;
  }
  return { active, pending };
}

export function seatUsage(
  limit: number | null,
  counts: { active: number; pending: number },
): SeatUsage {
  return { limit, used: counts.active + counts.pending, ...counts };
}

export async function readSeatUsage(
  gateway: ScalekitGateway,
  organizationId: string,
): Promise<SeatUsage> {
  const counts = { active: 0, pending: 0 };
  const [limit] = await Promise.all([
    readSeatLimit(gateway, organizationId),
    forEachMember(gateway, organizationId, (member) => {
      if (member.status === 'active') counts.active += 1;
      else if (member.status === 'pending') counts.pending += 1;
      return true;
    }),
  ]);
  return seatUsage(limit, counts);
}

export function seatLimitReached(usage: SeatUsage, cause?: unknown): AppError {
  return new AppError('seat_limit_reached', seatLimitReachedMessage(usage), { cause });
}
