// Seat limits: how many people an organization may hold (Scalekit's `maxAllowedUsers`). Active
// members and pending invitations take a seat; expired invitations and deactivated members do not.
import { z } from 'zod';

/** The highest limit an admin may set; anything above is a typo, not a plan. */
export const SEAT_LIMIT_MAX = 100_000;

/** A seat limit: a whole number of seats from 1, or null for "no limit". */
export const SeatLimitSchema = z
  .number()
  .int('A seat limit is a whole number')
  .min(1, 'A seat limit is at least 1 (send null for no limit)')
  .max(SEAT_LIMIT_MAX, `A seat limit is at most ${SEAT_LIMIT_MAX.toLocaleString('en-US')}`)
  .nullable();
export type SeatLimit = z.infer<typeof SeatLimitSchema>;

/** `GET /api/team/seats` (admins only). */
export const SeatUsageSchema = z.object({
  /** null: the organization has no limit. */
  limit: z.number().int().nonnegative().nullable(),
  /** Seats taken: `active + pending`. */
  used: z.number().int().nonnegative(),
  active: z.number().int().nonnegative(),
  pending: z.number().int().nonnegative(),
});
export type SeatUsage = z.infer<typeof SeatUsageSchema>;

/** Body of `PUT /api/team/seats` (admins only); answers the SeatUsage after the change. */
export const UpdateSeatLimitBodySchema = z.object({ limit: SeatLimitSchema }).strict();
export type UpdateSeatLimitBody = z.infer<typeof UpdateSeatLimitBodySchema>;

/** Seats still free under the limit (Infinity when there is none). */
export function seatsLeft(usage: Pick<SeatUsage, 'limit' | 'used'>): number {
  return usage.limit === null ? Number.POSITIVE_INFINITY : Math.max(0, usage.limit - usage.used);
}

/** The sentence shown when every seat is taken, on the invite dialog, a CSV row and in errors. */
export function seatLimitReachedMessage(
  usage: Pick<SeatUsage, 'limit' | 'used' | 'pending'>,
): string {
  const taken = usage.limit === null ? usage.used : usage.limit;
  return `All ${taken} seats are taken (${usage.pending} pending). Raise the limit or remove someone first.`;
}
