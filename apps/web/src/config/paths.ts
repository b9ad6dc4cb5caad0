// The SPA's own paths and the BFF's login route. They equal the contracts' `pages` and
// `routes.login` (a test keeps them in step) but live here so the entry and the sign-in screen
// need nothing from the contracts, whose zod schemas load with the signed-in screens.
export const paths = {
  signIn: '/sign-in',
  profile: '/dashboard/profile',
  team: '/team',
  activity: '/activity',
  settings: '/settings',
  settingsApiKeys: '/settings/api-keys',
  teamAccess: '/team/access',
  joinRequest: '/join-request',
  webhookSettings: '/settings/webhooks',
} as const;

export const loginRoute = '/auth/login';

/** Read by the entry at once on signed-in screens, before the contracts have loaded. */
export const sessionRoute = '/api/session';
