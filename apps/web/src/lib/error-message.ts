// Human messages for API errors: screens show these, never raw server text for 5xx answers.
import { ApiError } from './api-error';

function retryHint(seconds: number | undefined): string {
  if (seconds === undefined || seconds <= 0) return 'Please wait a moment and try again.';
  if (seconds < 60) return `Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
  const minutes = Math.ceil(seconds / 60);
  return `Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

/** A sentence a person can act on, for any error a screen catches. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  switch (error.code) {
    case 'network_error':
      return 'We could not reach the server. Check your connection and try again.';
    case 'stream_interrupted':
      return 'The connection closed before every row was processed.';
    case 'invalid_response':
      return 'The server sent an answer we did not understand. Please try again.';
    case 'unauthenticated':
      return 'Your session has ended. Please sign in again.';
    case 'forbidden':
      return 'You do not have permission to do this. Ask an administrator of your organization.';
    case 'csrf_rejected':
      return 'The request was blocked for your security. Reload the page and try again.';
    case 'not_found':
      return 'This person or page no longer exists. It may have been removed by someone else.';
    case 'rate_limited':
      return `Too many requests in a short time. ${retryHint(error.retryAfterSeconds)}`;
    case 'identity_unavailable':
      return 'The identity service is unavailable right now. Please try again in a few minutes.';
    case 'session_store_unavailable':
    case 'shutting_down':
      return 'The service is temporarily unavailable. Please try again in a few minutes.';
    case 'internal_error':
      return 'Something went wrong on our side. Please try again.';
    case 'already_member':
    case 'not_pending':
    case 'cannot_remove_self':
    case 'last_admin':
    case 'seat_limit_reached':
    case 'external_id_taken':
    case 'validation_failed':
    case 'bad_request':
    case 'payload_too_large':
    case 'request_timeout':
    case 'uri_too_long':
    case 'headers_too_large':
    case 'invalid_webhook':
    case 'invalid_api_key':
    case 'insufficient_scope':
    case 'api_key_not_accepted':
    case 'idempotency_key_reused':
    case 'idempotency_key_in_use':
    case 'domain_not_allowed':
    case 'invitation_refused':
    case 'public_email_domain':
    case 'disposable_email_domain':
    case 'domain_already_allowed':
    case 'invalid_interceptor_signature':
    case 'request_already_decided':
    case 'join_requests_unavailable':
    case 'invalid_link':
      // 4xx messages from the BFF are written for people; keep them.
      return error.message;
  }
}
