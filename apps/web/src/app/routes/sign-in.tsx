// /sign-in: the only screen for signed-out people.
import { useSearchParams } from 'react-router';
import { SignInPanel } from '@/features/auth/components/sign-in-panel';
import { useDocumentTitle } from '@/lib/use-document-title';

export function SignInRoute() {
  useDocumentTitle('Sign in');
  const [params] = useSearchParams();
  return (
    <main className="centered-page" id="main">
      <SignInPanel error={params.get('error')} returnTo={params.get('returnTo')} />
    </main>
  );
}
