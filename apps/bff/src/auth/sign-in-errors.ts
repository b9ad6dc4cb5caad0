// Failed sign-ins: browsers are sent to the SPA's sign-in page with a stable error code, JSON
// clients get `{code, message}`.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pages, type SignInErrorCode } from '@app/contracts';
import { AppError } from '../errors/app-error.js';
import { sendError } from '../errors/send-error.js';

const MESSAGES: Record<SignInErrorCode, string> = {
  access_denied: 'Sign-in was cancelled or refused.',
  login_required: 'Sign in to continue.',
  not_invited: 'This email has no invitation to the app.',
  invite_expired: 'The invitation has expired. Ask an admin to send a new one.',
  invalid_state: 'The sign-in expired or was already used. Start again.',
  login_failed: 'Sign-in failed. Start again.',
  identity_unavailable: 'The identity service is unavailable. Try again shortly.',
  session_expired: 'Your session expired. Sign in again.',
};

export function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html');
}

/** Maps the identity provider's `error` (and description) to one of our sign-in codes. */
export function signInErrorFromProvider(error: string, description: string): SignInErrorCode {
  const text = `${error} ${description}`.toLowerCase();
  if (error === 'login_required' || error === 'interaction_required') return 'login_required';
  if (text.includes('expired') && text.includes('invit')) return 'invite_expired';
  if (
    text.includes('invit') ||
    text.includes('not allowed') ||
    text.includes('sign up') ||
    text.includes('signup')
  ) {
    return 'not_invited';
  }
  return 'access_denied';
}

export function failSignIn(
  request: FastifyRequest,
  reply: FastifyReply,
  code: SignInErrorCode,
): FastifyReply {
  if (wantsHtml(request)) {
    return reply.redirect(`${pages.signIn}?error=${code}`, 302);
  }
  const errorCode = code === 'identity_unavailable' ? 'identity_unavailable' : 'unauthenticated';
  return sendError(reply, new AppError(errorCode, MESSAGES[code]));
}
