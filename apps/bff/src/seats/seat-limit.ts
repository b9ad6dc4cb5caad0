// An organization's seat limit at Scalekit (`maxAllowedUsers`): reading it, setting it, and
// telling Scalekit's own "user limit reached" refusal apart from its other refusals.
import { ScalekitCallError } from '../errors/scalekit-call-error.js';
import type { ScalekitGateway } from '../team/scalekit-types.js';

/**
 * The limit as the app shows it: null when there is none. Scalekit keeps "never set" (absent)
 * and 0 apart, but both mean that nobody is refused.
 */
export async function readSeatLimit(
  gateway: ScalekitGateway,
  organizationId: string,
): Promise<number | null> {
  const answer = await gateway.call((client) =>
    client.organization.getOrganizationUserManagementSetting(organizationId),
  );
  const max = answer.settings?.maxAllowedUsers;
  return max === undefined || max === 0 ? null : max;
}

/** Sets the limit; null clears it (the SDK then sends no value, which Scalekit reads as "none"). */
export async function writeSeatLimit(
  gateway: ScalekitGateway,
  organizationId: string,
  limit: number | null,
): Promise<void> {
  await gateway.call((client) =>
    client.organization.upsertUserManagementSettings(organizationId, { maxAllowedUsers: limit }),
  );
}

const USER_LIMIT_REACHED = /user limit reached \((\d+)\/(\d+)\)/i;

/**
 * Scalekit refuses a new member past the limit with FailedPrecondition "organization user limit
 * reached (n/max)"; it checks inside the write, so the refusal holds across BFF instances.
 * Answers the numbers it quotes, or undefined for any other error.
 */
export function seatLimitRefusal(error: unknown): { used: number; limit: number } | undefined {
  if (!(error instanceof ScalekitCallError) || error.kind !== 'invalid_argument') return undefined;
  const match = USER_LIMIT_REACHED.exec(error.upstreamMessage);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { used: Number(match[1]), limit: Number(match[2]) };
}
