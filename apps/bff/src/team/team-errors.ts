// Maps Scalekit's refusals that reach a team route unhandled to the contracts' error codes.
import { AppError } from '../errors/app-error.js';
import { ScalekitCallError } from '../errors/scalekit-call-error.js';
import { seatLimitRefusal } from '../seats/seat-limit.js';
import { retryAfterMs, upstreamReason } from './scalekit-errors.js';

export function toTeamError(error: unknown): unknown {
  if (!(error instanceof ScalekitCallError)) return error;
  switch (error.kind) {
    case 'rate_limited': {
      const delay = retryAfterMs(error);
      return new AppError(
        'rate_limited',
        'Scalekit is rate-limiting these changes. Try again shortly.',
        {
          retryAfterSeconds: delay === undefined ? 1 : Math.max(1, Math.ceil(delay / 1000)),
          cause: error,
        },
      );
    }
    case 'not_found':
      return new AppError('not_found', 'No such member in your organization.', { cause: error });
    case 'already_exists':
      return new AppError('already_member', 'This email already belongs to your organization.', {
        cause: error,
      });
    case 'invalid_argument': {
      // E.g. renewing an expired invitation when every seat is taken.
      const seats = seatLimitRefusal(error);
      if (seats !== undefined) {
        return new AppError(
          'seat_limit_reached',
          `All ${seats.limit} seats are taken. Raise the limit or remove someone first.`,
          { cause: error },
        );
      }
      return new AppError(
        'validation_failed',
        `Scalekit refused the change: ${upstreamReason(error)}`,
        {
          cause: error,
        },
      );
    }
    case 'permission_denied':
      // Scalekit's check before any invitation (the PRE_USER_INVITATION interceptor, ours or
      // another, or its fail-closed rule) said no; its sentence is written for people.
      return new AppError('invitation_refused', upstreamReason(error), { cause: error });
    default:
      return error;
  }
}
