// A Scalekit answer that is not "unavailable" (a refusal the caller maps to its own answer), and
// the type of the app's bounded caller. Shared by the Scalekit plugin that makes the calls and
// the areas (auth, team) that read the refusals, so neither imports the other.
import type { ScalekitClient } from '@scalekit-sdk/node';

/** Failures of a Scalekit call that callers may want to map to their own answers. */
export type ScalekitErrorKind =
  | 'not_found' // NotFound / 404
  | 'already_exists' // AlreadyExists or Aborted / 409
  | 'invalid_argument' // InvalidArgument, FailedPrecondition, OutOfRange / 400
  | 'permission_denied' // PermissionDenied / 403
  | 'rate_limited' // ResourceExhausted / 429
  | 'invalid_grant' // the token endpoint refused a code or refresh token (400/401)
  | 'invalid_token'; // a token failed signature, issuer, audience or expiry checks

/** A Scalekit answer that is not "unavailable": the caller decides what it means. */
export class ScalekitCallError extends Error {
  readonly kind: ScalekitErrorKind;
  /** Scalekit's own message; for logs only, never for a response body. */
  readonly upstreamMessage: string;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    kind: ScalekitErrorKind,
    upstreamMessage: string,
    options: { cause?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super(`Scalekit refused the call (${kind})`, { cause: options.cause });
    this.name = 'ScalekitCallError';
    this.kind = kind;
    this.upstreamMessage = upstreamMessage;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export type CallScalekit = <T>(fn: (client: ScalekitClient) => Promise<T>) => Promise<T>;
