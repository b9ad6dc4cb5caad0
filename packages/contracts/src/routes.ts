// Route paths, the one list both the BFF and the SPA use.
export const routes = {
  login: '/auth/login',
  loginInitiate: '/auth/login/initiate',
  logout: '/auth/logout',
  callback: '/api/callback',
  session: '/api/session',
  members: '/api/team/members',
  member: (userId: string) => `/api/team/members/${encodeURIComponent(userId)}`,
  resendInvite: (userId: string) => `/api/team/members/${encodeURIComponent(userId)}/resend-invite`,
  roles: '/api/team/roles',
  invitations: '/api/team/invitations',
  bulkInvitations: '/api/team/invitations/bulk',
  teamEvents: '/api/team/events',
  accessReview: '/api/team/access-review.csv',
  audit: '/api/audit',
  auditExport: '/api/audit/export.csv',
  webhooks: '/api/webhooks/scalekit',
  health: '/healthz',
  ready: '/readyz',
  openapi: '/api/openapi.json',
} as const;

/** SPA paths the BFF redirects to. */
export const pages = {
  signIn: '/sign-in',
  profile: '/dashboard/profile',
  team: '/team',
} as const;
