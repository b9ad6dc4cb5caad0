// /sign-in: the only screen for signed-out people.
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { SignInPanel } from '@/features/auth/components/sign-in-panel';
import { forgetSignedOut, hasJustSignedOut } from '@/features/auth/lib/signed-out-notice';
import { useDocumentTitle } from '@/lib/use-document-title';

export function SignInRoute() {
  useDocumentTitle('Sign in');
  const [params] = useSearchParams();
  // Shown once: a reload of the sign-in screen later says nothing.
  const [signedOut] = useState(hasJustSignedOut);
  useEffect(forgetSignedOut, []);
  return (
    <main className="centered-page" id="main">
      <SignInPanel
        error={params.get('error')}
        returnTo={params.get('returnTo')}
        signedOut={signedOut}
      />
    </main>
  );
}
