// Any path the app does not know. Signed-in people see it inside the app's frame (navigation,
// account menu); everyone else gets the plain page. Admin-only screens show the card to members.
import { lazy, Suspense, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { buttonClass } from '@/components/ui/button';
import { PageLoading } from '@/components/ui/loading-state';
import { paths, sessionRoute } from '@/config/paths';
import { useDocumentTitle } from '@/lib/use-document-title';

const AppLayout = lazy(() => import('./app-layout').then((m) => ({ default: m.AppLayout })));

export function NotFoundCard() {
  return (
    <div className="card message-card">
      <p className="message-card__code" aria-hidden="true">
        404
      </p>
      <h1 className="message-card__title">Page not found</h1>
      <p className="muted">The page you asked for does not exist or has moved.</p>
      <Link className={buttonClass('primary')} to={paths.profile}>
        Go to your profile
      </Link>
    </div>
  );
}

/** Whether a session exists, asked without the contracts and without the 401 redirect. */
function useSignedIn(): boolean | undefined {
  const [signedIn, setSignedIn] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    const controller = new AbortController();
    fetch(sessionRoute, {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
      signal: controller.signal,
    }).then(
      (response) => setSignedIn(response.ok),
      () => {
        if (!controller.signal.aborted) setSignedIn(false);
      },
    );
    return () => controller.abort();
  }, []);
  return signedIn;
}

export function NotFoundRoute() {
  useDocumentTitle('Page not found');
  const signedIn = useSignedIn();
  if (signedIn === undefined)
    return (
      <main className="centered-page" id="main">
        <PageLoading title="Page not found" centered />
      </main>
    );
  if (signedIn)
    return (
      <Suspense fallback={null}>
        <AppLayout>
          <div className="page page--centered">
            <NotFoundCard />
          </div>
        </AppLayout>
      </Suspense>
    );
  return (
    <main className="centered-page" id="main">
      <NotFoundCard />
    </main>
  );
}
