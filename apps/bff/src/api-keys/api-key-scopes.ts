// The team routes another system may call with an organization API key, and the scope each
// needs. Every other route refuses a key: sessions, settings, seats, exports and the live
// stream stay for people in a browser.
import { routes, type ApiKeyScope } from '@app/contracts';

const memberPath = routes.member(':userId').replace('%3A', ':');
const resendPath = routes.resendInvite(':userId').replace('%3A', ':');

const SCOPES: Record<string, ApiKeyScope> = {
  [`GET ${routes.members}`]: 'members:read',
  [`GET ${routes.roles}`]: 'members:read',
  [`POST ${routes.invitations}`]: 'members:invite',
  [`POST ${routes.bulkInvitations}`]: 'members:invite',
  [`POST ${routes.bulkInvitationsPreview}`]: 'members:invite',
  [`POST ${resendPath}`]: 'members:invite',
  [`PATCH ${memberPath}`]: 'members:write',
  [`DELETE ${memberPath}`]: 'members:write',
};

/** Routes where an Idempotency-Key makes a retry answer once (the single invite). */
const IDEMPOTENT = new Set<string>([`POST ${routes.invitations}`]);

/** Every route keys may call: method, Fastify path and scope (for the OpenAPI document). */
export function keyRoutes(): { method: string; url: string; scope: ApiKeyScope }[] {
  return Object.entries(SCOPES).map(([route, scope]) => {
    const [method = '', url = ''] = route.split(' ');
    return { method, url, scope };
  });
}

/** The scope a route needs from a key, or undefined when keys may not call it. */
export function scopeOfRoute(method: string, url: string | undefined): ApiKeyScope | undefined {
  return url === undefined ? undefined : SCOPES[`${method} ${url}`];
}

export function isIdempotentRoute(method: string, url: string | undefined): boolean {
  return url !== undefined && IDEMPOTENT.has(`${method} ${url}`);
}
