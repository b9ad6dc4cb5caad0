// The sign-in card: one action that starts the hosted sign-in, the invite-only explanation,
// and a readable message when the previous attempt failed.
import { APP_NAME } from '@/config/app';
import { loginRoute, paths } from '@/config/paths';
import { buttonClass } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { isSafeReturnTo } from '@/lib/sign-in-path';
import { signInErrorMessage } from './sign-in-error-message';

/** The BFF route that starts the hosted sign-in, with a safe `returnTo`. */
function loginUrl(returnTo: string | null): string {
  if (!isSafeReturnTo(returnTo)) return loginRoute;
  return `${loginRoute}?${new URLSearchParams({ returnTo }).toString()}`;
}

export function SignInPanel({
  error,
  returnTo,
  signedOut = false,
}: {
  error: string | null;
  returnTo: string | null;
  /** The person has just signed out in this tab. */
  signedOut?: boolean;
}) {
  const message = signInErrorMessage(error);
  return (
    <div className="card sign-in">
      <div className="sign-in__brand" aria-hidden="true">
        {APP_NAME.slice(0, 1)}
      </div>
      <h1 className="sign-in__title">Sign in to {APP_NAME}</h1>
      <p className="sign-in__lead">
        {APP_NAME} is invite-only. Use the email address your invitation was sent to; you will
        confirm it with a one-time code or link.
      </p>
      {signedOut && !message && <Alert tone="success">You are signed out.</Alert>}
      {message && (
        <Alert tone={message.tone} title={message.title}>
          {message.text}
        </Alert>
      )}
      <a className={`${buttonClass('primary')} sign-in__action`} href={loginUrl(returnTo)}>
        Sign in
      </a>
      <p className="sign-in__footnote">
        No invitation yet? Ask an administrator of your organization to invite you, or{' '}
        <a href={paths.joinRequest}>ask to join</a> with your work email.
      </p>
    </div>
  );
}
