// The app's routes, inside whatever router the caller provides (the browser's in main.tsx, a
// memory router in tests). Every screen is its own chunk: the entry holds React, the router and
// this shell, and nothing from the contracts.
import { lazy, Suspense, useEffect, useRef } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { ErrorBoundary } from '@/components/ui/error-boundary';
import { PageLoading } from '@/components/ui/loading-state';
import { paths } from '@/config/paths';
import { signInPath } from '@/lib/sign-in-path';
import { setUnauthenticatedHandler } from '@/lib/unauthenticated';
import { ErrorScreen } from './routes/error-screen';
import { NotFoundRoute } from './routes/not-found';
import { screenTitle } from './screen-title';

const SignInRoute = lazy(() =>
  import('./routes/sign-in').then((m) => ({ default: m.SignInRoute })),
);
const loadAppLayout = () => import('./routes/app-layout');
const loadProfile = () => import('./routes/profile');
const loadTeam = () => import('./routes/team');
const loadActivity = () => import('./routes/activity');
const loadSettings = () => import('./routes/settings');
const loadTeamAccess = () => import('./routes/team-access');
const JoinRequestRoute = lazy(() =>
  import('./routes/join-request').then((m) => ({ default: m.JoinRequestRoute })),
);
const AppLayout = lazy(() => loadAppLayout().then((m) => ({ default: m.AppLayout })));
const ProfileRoute = lazy(() => loadProfile().then((m) => ({ default: m.ProfileRoute })));
const TeamRoute = lazy(() => loadTeam().then((m) => ({ default: m.TeamRoute })));
const ActivityRoute = lazy(() => loadActivity().then((m) => ({ default: m.ActivityRoute })));
const SettingsRoute = lazy(() => loadSettings().then((m) => ({ default: m.SettingsRoute })));
const ApiKeysSettingsRoute = lazy(() =>
  loadSettings().then((m) => ({ default: m.ApiKeysSettingsRoute })),
);
const WebhooksSettingsRoute = lazy(() =>
  loadSettings().then((m) => ({ default: m.WebhooksSettingsRoute })),
);
const TeamAccessRoute = lazy(() => loadTeamAccess().then((m) => ({ default: m.TeamAccessRoute })));

/**
 * Starts downloading a signed-in screen together with the layout, instead of after the layout
 * has loaded the session: one round of chunk requests less before the first screen. Failures
 * are left to the lazy screens, which report them when they render.
 */
export function preloadScreen(pathname: string): void {
  const loaders: Record<string, () => Promise<unknown>> = {
    '/': loadProfile,
    '/dashboard': loadProfile,
    [paths.profile]: loadProfile,
    [paths.team]: loadTeam,
    [paths.activity]: loadActivity,
    [paths.settingsApiKeys]: loadSettings,
    [paths.webhookSettings]: loadSettings,
    [paths.teamAccess]: loadTeamAccess,
  };
  const load = loaders[pathname];
  if (!load) return;
  void loadAppLayout().catch(() => undefined);
  void load().catch(() => undefined);
}

/** Sends a 401 from any request to sign-in, remembering the current screen. */
function useSignInOnUnauthenticated() {
  const navigate = useNavigate();
  const location = useLocation();
  const current = useRef(location);
  useEffect(() => {
    current.current = location;
  });
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      const { pathname, search } = current.current;
      void navigate(signInPath(`${pathname}${search}`), { replace: true });
    });
  }, [navigate]);
}

export function App() {
  useSignInOnUnauthenticated();
  const location = useLocation();
  return (
    // A new screen gets a fresh chance after a crash.
    <ErrorBoundary resetKey={location.pathname} fallback={<ErrorScreen />}>
      <Suspense
        fallback={
          <main className="centered-page" id="main">
            <PageLoading title={screenTitle(location.pathname)} centered />
          </main>
        }
      >
        <Routes>
          <Route path={paths.signIn} element={<SignInRoute />} />
          <Route path={paths.joinRequest} element={<JoinRequestRoute />} />
          <Route element={<AppLayout />}>
            <Route index element={<Navigate to={paths.profile} replace />} />
            <Route path="/dashboard" element={<Navigate to={paths.profile} replace />} />
            <Route path={paths.profile} element={<ProfileRoute />} />
            <Route path={paths.team} element={<TeamRoute />} />
            <Route path={paths.activity} element={<ActivityRoute />} />
            <Route path={paths.settings} element={<SettingsRoute />}>
              <Route index element={<Navigate to={paths.settingsApiKeys} replace />} />
              <Route path={paths.settingsApiKeys} element={<ApiKeysSettingsRoute />} />
              <Route path={paths.webhookSettings} element={<WebhooksSettingsRoute />} />
            </Route>
            <Route path={paths.teamAccess} element={<TeamAccessRoute />} />
          </Route>
          <Route path="*" element={<NotFoundRoute />} />
        </Routes>
      </Suspense>
    </ErrorBoundary>
  );
}
