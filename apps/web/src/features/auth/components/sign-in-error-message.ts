// Readable messages for every `?error=` code the BFF puts on /sign-in after a failed sign-in.
// Type-only import: the sign-in screen loads without zod and the contracts' schemas.
import type { SignInErrorCode } from '@app/contracts';

export interface SignInMessage {
  tone: 'error' | 'info';
  title: string;
  text: string;
}

const messages: Record<SignInErrorCode, SignInMessage> = {
  access_denied: {
    tone: 'error',
    title: 'Sign-in was cancelled',
    text: 'The sign-in was cancelled or refused. Try again, or ask an administrator of your organization for help.',
  },
  login_required: {
    tone: 'info',
    title: 'Please sign in again',
    text: 'Your sign-in with the identity service has ended. Sign in again to continue.',
  },
  not_invited: {
    tone: 'error',
    title: 'This email address has not been invited',
    text: 'Accounts here are created by invitation only. Ask an administrator of your organization to invite you, then sign in with the address the invitation was sent to.',
  },
  invite_expired: {
    tone: 'error',
    title: 'Your invitation has expired',
    text: 'Invitation links are valid for a limited time. Ask the person who invited you to send a new invitation.',
  },
  invalid_state: {
    tone: 'error',
    title: 'The sign-in could not be completed',
    text: 'It took too long, or it was started in another tab. Please start again.',
  },
  login_failed: {
    tone: 'error',
    title: 'The sign-in could not be completed',
    text: 'Something went wrong while confirming who you are. Please try again.',
  },
  identity_unavailable: {
    tone: 'error',
    title: 'The identity service is unavailable',
    text: 'We cannot reach the sign-in service right now. Please try again in a few minutes.',
  },
  session_expired: {
    tone: 'info',
    title: 'You have been signed out',
    text: 'Your session ended after a period of inactivity or its maximum length. Sign in again to continue.',
  },
};

const unknownError: SignInMessage = {
  tone: 'error',
  title: 'The sign-in could not be completed',
  text: 'Please try again. If it keeps happening, contact an administrator of your organization.',
};

/** The message for a `?error=` value, or undefined when there is none. */
export function signInErrorMessage(code: string | null): SignInMessage | undefined {
  if (code === null || code === '') return undefined;
  return Object.hasOwn(messages, code) ? messages[code as SignInErrorCode] : unknownError;
}
