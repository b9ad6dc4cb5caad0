// The app's routes, inside whatever router the caller provides (the browser's in main.tsx, a
// memory router in tests). Every screen is its own chunk: the entry holds React, the router and
// this shell, and nothing from the contracts.
import { lazy, Suspense, useEffect, useRef } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { ErrorBoundary } from '@/components/ui/error-boundary';
import { PageLoading } from '@/components/ui/loading-state';
import { paths } from '@/config/paths';
import { preloadableLazy, type PreloadableLazy } from '@/lib/preloadable-lazy';
import { signInPath } from '@/lib/sign-in-path';
import { setUnauthenticatedHandler } from '@/lib/unauthenticated';
import { ErrorScreen } from './routes/error-screen';
import { NotFoundRoute } from './routes/not-found';
import { screenTitle } from './screen-title';

const SignInRoute = lazy(() =>
  import('./routes/sign-in').then((m) => ({ default: m.SignInRoute })),
);
const appLayout = preloadableLazy(() => import('./routes/app-layout').then((m) => m.AppLayout));
const profile = preloadableLazy(() => import('./routes/profile').then((m) => m.ProfileRoute));
const team = preloadableLazy(() => import('./routes/team').then((m) => m.TeamRoute));
const activity = preloadableLazy(() => import('./routes/activity').then((m) => m.ActivityRoute));
const teamAccess = preloadableLazy(() =>
  import('./routes/team-access').then((m) => m.TeamAccessRoute),
);
const loadSettings = () => import('./routes/settings');
const settings = preloadableLazy(() => loadSettings().then((m) => m.SettingsRoute));
const apiKeysSettings = preloadableLazy(() => loadSettings().then((m) => m.ApiKeysSettingsRoute));
const webhooksSettings = preloadableLazy(() => loadSettings().then((m) => m.WebhooksSettingsRoute));
const AppLayout = appLayout.Component;
const ProfileRoute = profile.Component;
const TeamRoute = team.Component;
const ActivityRoute = activity.Component;
const TeamAccessRoute = teamAccess.Component;
const SettingsRoute = settings.Component;
const ApiKeysSettingsRoute = apiKeysSettings.Component;
const WebhooksSettingsRoute = webhooksSettings.Component;
const JoinRequestRoute = lazy(() =>
  import('./routes/join-request').then((m) => ({ default: m.JoinRequestRoute })),
);

/**
 * Starts downloading a signed-in screen together with the layout, instead of after the layout
 * has loaded the session: one round of chunk requests less before the first screen. Settles
 * when both are in (or failed: the lazy screens then report it when they render), so the entry
 * can render them without a loading state in between.
 */
export function preloadScreen(pathname: string): Promise<void> {
  const screens: Record<string, PreloadableLazy<object>> = {
    '/': profile,
    '/dashboard': profile,
    [paths.profile]: profile,
    [paths.team]: team,
    [paths.activity]: activity,
    [paths.teamAccess]: teamAccess,
    [paths.settingsApiKeys]: apiKeysSettings,
    [paths.webhookSettings]: webhooksSettings,
  };
  const screen = screens[pathname];
  if (!screen) return Promise.resolve();
  return Promise.all([appLayout.preload(), screen.preload()]).then(() => undefined);
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
