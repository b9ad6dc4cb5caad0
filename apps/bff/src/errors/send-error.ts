// Sends an AppError as the `{code, message}` answer every 4xx/5xx carries: 5xx messages are
// fixed per code, so an upstream or internal message never leaves the BFF. Used by the app's
// error handler and by routes that answer an error themselves (sign-in failures).
import type { FastifyReply } from 'fastify';
import type { ErrorBody, ErrorCode } from '@app/contracts';
import type { AppError } from './app-error.js';

export const GENERIC_MESSAGES: Partial<Record<ErrorCode, string>> = {
  internal_error: 'Something went wrong on our side.',
  identity_unavailable: 'The identity service is unavailable. Try again shortly.',
  session_store_unavailable: 'Sessions are temporarily unavailable. Try again shortly.',
  shutting_down: 'This server is restarting. Try again shortly.',
  not_found: 'Not found.',
};

export function sendError(reply: FastifyReply, error: AppError): FastifyReply {
  const body: ErrorBody = {
    code: error.code,
    // 5xx messages are fixed per code: an upstream or internal message never leaves the BFF.
    message:
      error.statusCode >= 500 ? (GENERIC_MESSAGES[error.code] ?? 'Internal error.') : error.message,
  };
  if (error.issues !== undefined) body.issues = error.issues;
  if (error.retryAfterSeconds !== undefined) {
    body.retryAfterSeconds = error.retryAfterSeconds;
    void reply.header('retry-after', String(error.retryAfterSeconds));
  }
  return reply
    .code(error.statusCode)
    .header('cache-control', 'no-store')
    .type('application/json')
    .send(body);
}
