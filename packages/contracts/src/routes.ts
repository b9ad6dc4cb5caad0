// Route paths, the one list both the BFF and the SPA use.

/**
 * One path segment holding `value` verbatim. `.` and `..` (and an empty id) are refused:
 * percent-encoding cannot protect them, since URL parsers read `%2e` as a dot segment too, and
 * `/api/team/members/..` would address another route.
 */
function pathSegment(value: string): string {
  if (value === '' || value === '.' || value === '..') {
    throw new RangeError('An id cannot be empty, "." or ".."');
  }
  try {
    return encodeURIComponent(value);
  } catch {
    throw new RangeError('An id must be well-formed unicode');
  }
}

export const routes = {
  login: '/auth/login',
  loginInitiate: '/auth/login/initiate',
  logout: '/auth/logout',
  callback: '/api/callback',
  session: '/api/session',
  profile: '/api/profile',
  members: '/api/team/members',
  member: (userId: string) => `/api/team/members/${pathSegment(userId)}`,
  resendInvite: (userId: string) => `/api/team/members/${pathSegment(userId)}/resend-invite`,
  roles: '/api/team/roles',
  invitations: '/api/team/invitations',
  bulkInvitations: '/api/team/invitations/bulk',
  bulkInvitationsPreview: '/api/team/invitations/bulk/preview',
  teamEvents: '/api/team/events',
  seats: '/api/team/seats',
  accessReview: '/api/team/access-review.csv',
  audit: '/api/audit',
  auditExport: '/api/audit/export.csv',
  requests: '/api/requests',
  requestApprove: (requestId: string) => `/api/requests/${pathSegment(requestId)}/approve`,
  requestDecline: (requestId: string) => `/api/requests/${pathSegment(requestId)}/decline`,
  requestDecisions: '/api/requests/decisions',
  requestJoinDomains: '/api/requests/join-domains',
  requestJoinDomain: (domain: string) => `/api/requests/join-domains/${pathSegment(domain)}`,
  joinRequests: '/api/join-requests',
  joinRequestConfirm: '/api/join-requests/confirm',
  joinRequestStatus: '/api/join-requests/status',
  webhooks: '/api/webhooks/scalekit',
  webhookEndpoint: '/api/outbound-webhooks/endpoint',
  webhookTestEvent: '/api/outbound-webhooks/endpoint/test',
  webhookDeliveries: '/api/outbound-webhooks/deliveries',
  health: '/healthz',
  ready: '/readyz',
  openapi: '/api/openapi.json',
  apiKeys: '/api/api-keys',
  revokeApiKey: (keyId: string) => `/api/api-keys/${pathSegment(keyId)}/revoke`,
  allowedDomains: '/api/team/allowed-domains',
  allowedDomain: (domainId: string) => `/api/team/allowed-domains/${pathSegment(domainId)}`,
  invitationPolicy: '/api/team/invitation-policy',
  invitationInterceptor: '/api/interceptors/pre-user-invitation',
  switchOrganization: '/auth/switch-organization',
  ownSessions: '/api/profile/sessions',
  ownSession: (sessionId: string) => `/api/profile/sessions/${pathSegment(sessionId)}`,
  signOutEverywhere: '/api/profile/sessions/sign-out-everywhere',
  ownOrganizations: '/api/profile/organizations',
} as const;

/** SPA paths the BFF redirects to. */
export const pages = {
  signIn: '/sign-in',
  profile: '/dashboard/profile',
  team: '/team',
  activity: '/activity',
  settings: '/settings',
  settingsApiKeys: '/settings/api-keys',
  teamAccess: '/team/access',
  /** Where a join request's emailed links land (`?confirm=<token>` or `?token=<status token>`). */
  joinRequest: '/join-request',
  webhookSettings: '/settings/webhooks',
} as const;
