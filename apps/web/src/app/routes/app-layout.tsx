// The frame of every signed-in screen: loads the session (a 401 sends people to sign in),
// then shows the top navigation, the screen (which reads the session from the outlet and may
// ask for it afresh, e.g. after a role change) and the toasts of every screen.
import type { SessionResponse, SessionUser } from '@app/contracts';
import { Suspense, useState, type ReactNode } from 'react';
import { Outlet, useLocation, useOutletContext } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageLoading } from '@/components/ui/loading-state';
import { ToastProvider } from '@/components/ui/toast';
import { useSession } from '@/features/auth/api/get-session';
import { logoutAndLeave } from '@/features/auth/api/logout';
import { isApiError } from '@/lib/api-error';
import { describeError } from '@/lib/error-message';
import { screenTitle } from '../screen-title';
import { TopNav } from '../top-nav';

interface AppOutletContext {
  session: SessionResponse;
  /** Asks the BFF for the session again; the screens re-render with what it answers. */
  refreshSession: () => void;
  /** Shows a changed user (e.g. a name just saved) on every screen at once. */
  setSessionUser: (user: SessionUser) => void;
}

export function useAppSession(): SessionResponse {
  return useOutletContext<AppOutletContext>().session;
}

export function useRefreshSession(): () => void {
  return useOutletContext<AppOutletContext>().refreshSession;
}

export function useSetSessionUser(): (user: SessionUser) => void {
  return useOutletContext<AppOutletContext>().setSessionUser;
}

/** `children` replaces the routed screen (the signed-in not-found page uses it). */
export function AppLayout({ children }: { children?: ReactNode }) {
  const session = useSession();
  const title = screenTitle(useLocation().pathname);
  // Once sign-out starts, nothing of the old session stays on screen (nor in the back cache).
  const [leaving, setLeaving] = useState(false);
  const [signOutError, setSignOutError] = useState<string | undefined>(undefined);

  async function signOut() {
    setSignOutError(undefined);
    setLeaving(true);
    try {
      await logoutAndLeave();
    } catch (failure) {
      // A 401 means the session is gone already; the client is taking us to sign in.
      if (isApiError(failure) && failure.code === 'unauthenticated') return;
      setLeaving(false);
      setSignOutError(`Sign out failed. ${describeError(failure)}`);
    }
  }

  if (leaving) return <FullPage title="Signing out" label="Signing out…" />;
  if (!session.data) {
    if (session.isFetching) return <FullPage title={title} label="Loading your workspace…" />;
    if (isApiError(session.error) && session.error.code === 'unauthenticated')
      return <FullPage title={title} label="Redirecting to sign in…" />;
    return (
      <main className="centered-page" id="main">
        <div className="message-card card">
          <h1 className="message-card__title">We could not load your account</h1>
          <Alert tone="error" action={<Button onClick={session.refetch}>Try again</Button>}>
            {describeError(session.error)}
          </Alert>
        </div>
      </main>
    );
  }

  return (
    <ToastProvider>
      <div className="shell">
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <TopNav session={session.data} onSignOut={() => void signOut()} />
        <main className="shell__main" id="main" tabIndex={-1}>
          {signOutError && <Alert tone="error">{signOutError}</Alert>}
          <Suspense fallback={<PageLoading title={title} />}>
            {children ?? (
              <Outlet
                context={
                  {
                    session: session.data,
                    refreshSession: session.refetch,
                    setSessionUser: (user) =>
                      session.setData((current) => current && { ...current, user }),
                  } satisfies AppOutletContext
                }
              />
            )}
          </Suspense>
        </main>
      </div>
    </ToastProvider>
  );
}

function FullPage({ title, label }: { title: string; label: string }) {
  return (
    <main className="centered-page" id="main">
      <PageLoading title={title} label={label} centered />
    </main>
  );
}
