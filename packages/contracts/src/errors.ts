// Stable error codes shared by the BFF and the SPA. Every 4xx/5xx body is an ErrorBody;
// the SPA maps `code` to a human message, so codes never change meaning once published.
import { z } from 'zod';

export const ErrorCodeSchema = z.enum([
  'unauthenticated', // 401: no session, or it expired
  'forbidden', // 403: signed in but not allowed (e.g. not an admin)
  'csrf_rejected', // 403: missing X-CSRF header or foreign Origin on a write
  'not_found', // 404
  'bad_request', // 400: malformed request (wrong content type, unparsable body)
  'validation_failed', // 422: well-formed but invalid input; `issues` lists the fields
  'already_member', // 409: the email already belongs to this organization
  'not_pending', // 409: resend on a member whose invitation is not pending or expired
  'cannot_remove_self', // 409: an admin tried to remove themself
  'last_admin', // 409: the change would leave the organization without an admin
  'seat_limit_reached', // 409: every seat is taken; raise the limit or remove someone first
  'request_already_decided', // 409: the request was decided otherwise already (or is being decided)
  'join_requests_unavailable', // 503: the BFF cannot send email, so nobody can ask to join
  'invalid_link', // 400: a link's token is forged, expired or already used
  'external_id_taken', // 409: another person already has this external id
  'request_timeout', // 408: the request did not arrive in time
  'payload_too_large', // 413: body over the documented cap (e.g. CSV rows or bytes)
  'uri_too_long', // 414: the URL (or one of its path parameters) is too long
  'headers_too_large', // 431: the request's headers (e.g. a huge Cookie) are too large
  'rate_limited', // 429: see Retry-After
  'invalid_webhook', // 400: bad signature, stale timestamp or malformed webhook
  'identity_unavailable', // 503: Scalekit unreachable or too slow
  'session_store_unavailable', // 503: the session store (Redis) is unreachable
  'shutting_down', // 503: this instance is stopping; retry, another one will answer
  'internal_error', // 500: anything else; never carries upstream text
  'invalid_api_key', // 401: the Bearer key is malformed, unknown, expired or revoked
  'insufficient_scope', // 403: the API key lacks the scope this route needs
  'api_key_not_accepted', // 400: a key on a route keys cannot call, or beside a session cookie
  'idempotency_key_reused', // 422: the Idempotency-Key was used before with another request
  'idempotency_key_in_use', // 409: a request with this Idempotency-Key is still running
  'domain_not_allowed', // 422: the invitation policy refuses the address's domain, or a domain is not open to join requests
  'invitation_refused', // 422: Scalekit's pre-invitation check (an interceptor) refused the invitation; the message is its reason
  'public_email_domain', // 422: a public email provider (gmail.com...) cannot be an allowed domain
  'disposable_email_domain', // 422: a disposable email domain cannot be an allowed domain
  'domain_already_allowed', // 409: the domain is already one of the organization's allowed domains
  'invalid_interceptor_signature', // 401: a Scalekit interceptor call not signed with our secret
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ErrorIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
});
export type ErrorIssue = z.infer<typeof ErrorIssueSchema>;

export const ErrorBodySchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  issues: z.array(ErrorIssueSchema).optional(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** HTTP status for each code: the one place that mapping lives. */
export const errorStatus: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  csrf_rejected: 403,
  not_found: 404,
  bad_request: 400,
  validation_failed: 422,
  already_member: 409,
  not_pending: 409,
  cannot_remove_self: 409,
  last_admin: 409,
  seat_limit_reached: 409,
  request_already_decided: 409,
  join_requests_unavailable: 503,
  invalid_link: 400,
  external_id_taken: 409,
  request_timeout: 408,
  payload_too_large: 413,
  uri_too_long: 414,
  headers_too_large: 431,
  rate_limited: 429,
  invalid_webhook: 400,
  identity_unavailable: 503,
  session_store_unavailable: 503,
  shutting_down: 503,
  internal_error: 500,
  invalid_api_key: 401,
  insufficient_scope: 403,
  api_key_not_accepted: 400,
  idempotency_key_reused: 422,
  idempotency_key_in_use: 409,
  domain_not_allowed: 422,
  invitation_refused: 422,
  public_email_domain: 422,
  disposable_email_domain: 422,
  domain_already_allowed: 409,
  invalid_interceptor_signature: 401,
};

/**
 * Codes the BFF puts on `/sign-in?error=<code>` after a failed sign-in. The first four
 * mirror what the identity provider reports; the others are the BFF's own.
 */
export const SignInErrorCodeSchema = z.enum([
  'access_denied', // the user cancelled or the provider refused
  'login_required', // prompt=none and no provider session
  'not_invited', // the email has no account and no invitation
  'invite_expired', // the invitation link expired
  'invalid_state', // missing, unknown, expired or reused sign-in transaction
  'login_failed', // the code exchange or token validation failed
  'identity_unavailable', // Scalekit unreachable
  'session_expired', // signed out by the idle or absolute timeout
]);
export type SignInErrorCode = z.infer<typeof SignInErrorCodeSchema>;
