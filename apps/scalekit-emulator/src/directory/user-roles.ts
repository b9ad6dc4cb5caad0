// A member's roles in one organization: list, assign (adds to the current ones), remove, and
// the permissions they grant.
import { invalidArgument, notFound } from './errors.js';
import { requireMembership, requireOrganization, requireUser } from './lookups.js';
import type { Memberships } from './memberships.js';
import type { Permission } from './role-store.js';
import type { Roles } from './roles.js';
import type { DirectoryStore } from './store.js';
import { unique } from './validation.js';

export class UserRoles {
  constructor(
    private readonly store: DirectoryStore,
    private readonly memberships: Memberships,
    private readonly roles: Roles,
  ) {}

  listUserRoles(organizationId: string, userId: string): string[] {
    const org = requireOrganization(this.store, { id: organizationId });
    return requireMembership(this.store, org, requireUser(this.store, { id: userId })).roles;
  }

  /** The union of the effective permissions of the member's roles. */
  listUserPermissions(organizationId: string, userId: string): Permission[] {
    return this.store.roles.permissionsOfRoles(
      organizationId,
      this.listUserRoles(organizationId, userId),
    );
  }

  /** Adds roles to the member's current ones (Scalekit's assign does not replace). */
  assignUserRoles(organizationId: string, userId: string, roles: string[]): string[] {
    if (roles.length === 0) throw invalidArgument('roles must name at least one role');
    return this.store.transaction(() => {
      const org = requireOrganization(this.store, { id: organizationId });
      const user = requireUser(this.store, { id: userId });
      const membership = requireMembership(this.store, org, user);
      const merged = unique([...membership.roles, ...this.roles.checkGrantable(org.id, roles)]);
      return this.memberships.change(org, user, membership, { roles: merged }).membership.roles;
    });
  }

  removeUserRole(organizationId: string, userId: string, roleName: string): void {
    this.store.transaction(() => {
      const org = requireOrganization(this.store, { id: organizationId });
      const user = requireUser(this.store, { id: userId });
      const membership = requireMembership(this.store, org, user);
      if (!membership.roles.includes(roleName)) {
        throw notFound(`${user.email} does not have the role "${roleName}" in ${org.displayName}`);
      }
      membership.roles = membership.roles.filter((role) => role !== roleName);
      this.store.saveMembership(membership);
      this.memberships.announce('user.organization_membership_updated', org, user, membership);
    });
  }
}
