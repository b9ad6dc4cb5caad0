// The roles an organization can grant, as Scalekit defines them.
import type { Role } from '@app/contracts';
import { AppError } from '../errors/app-error.js';
import type { ScalekitGateway } from './scalekit-types.js';

export async function listRoles(gateway: ScalekitGateway, organizationId: string): Promise<Role[]> {
  const response = await gateway.call((client) =>
    client.role.listOrganizationRoles(organizationId),
  );
  return response.roles.map((role) => ({
    name: role.name,
    displayName: role.displayName || role.name,
    description: role.description,
  }));
}

/** Refuses (422) a role the organization does not define. */
export function assertKnownRole(roles: readonly Role[], role: string, path = 'role'): void {
  if (roles.some((known) => known.name === role)) return;
  throw new AppError('validation_failed', `Unknown role "${role}".`, {
    issues: [{ path, message: `Choose one of: ${roles.map((known) => known.name).join(', ')}` }],
  });
}
