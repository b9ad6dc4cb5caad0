// The environment's roles (from the seed) and the check that role names given to a membership exist.
import type { RoleDefinition } from '../domain.js';
import { invalidArgument, notFound } from './errors.js';
import { requireOrganization } from './lookups.js';
import type { DirectoryStore } from './store.js';

export class Roles {
  constructor(private readonly store: DirectoryStore) {}

  listRoles(): RoleDefinition[] {
    return this.store.listRoles();
  }

  getRole(name: string): RoleDefinition {
    const role = this.store.getRole(name);
    if (role === undefined) throw notFound(`role "${name}" not found`);
    return role;
  }

  /** The emulator has environment roles only; every organization sees all of them. */
  listOrganizationRoles(organizationId: string): RoleDefinition[] {
    requireOrganization(this.store, { id: organizationId });
    return this.store.listRoles();
  }

  /** Returns the names unchanged when every one is a known role, or throws InvalidArgument. */
  requireKnown(roles: string[]): string[] {
    for (const role of roles) {
      if (this.store.getRole(role) === undefined) {
        const known = this.store
          .listRoles()
          .map((r) => r.name)
          .join(', ');
        throw invalidArgument(`unknown role "${role}" (roles: ${known})`);
      }
    }
    return roles;
  }
}
