// Role administration with Scalekit's rules: environment and organization roles, inheritance
// through `extends`, default roles, deletion with reassignment, holder counts, role webhooks.
import type { Organization, WebhookEventType } from '../domain.js';
import { alreadyExists, failedPrecondition, invalidArgument, notFound } from './errors.js';
import { newId } from './ids.js';
import { requireOrganization } from './lookups.js';
import type { ManagementDeps } from './management.js';
import { announceMembership } from './memberships.js';
import type { Permission, Role, RoleStore } from './role-store.js';
import { emptyToUndefined, optionalText, requireText } from './validation.js';

/** The fields of CreateRole / CreateOrganizationRole. */
export interface RoleInput {
  name: string;
  displayName: string;
  description?: string;
  extends?: string;
  permissions?: string[];
}

/** The fields of UpdateRole: absent ones stay; a non-empty `permissions` replaces the list. */
export interface RolePatch {
  displayName?: string;
  description?: string;
  extends?: string; // '' removes the base
  permissions?: string[];
}

export interface DefaultRoles {
  creator: string;
  member: string;
}

const ROLE_NAME = /^[a-zA-Z0-9_]{1,64}$/;
const MAX_ROLE_PERMISSIONS = 100;
const MAX_DESCRIPTION = 2000;

export class Roles {
  constructor(private readonly deps: ManagementDeps) {}

  private get store(): RoleStore {
    return this.deps.store.roles;
  }

  // --- reads -----------------------------------------------------------------------------------

  listEnvironmentRoles(): Role[] {
    return this.store.listEnvironmentRoles();
  }

  /** Environment roles, then the organization's own. */
  listOrganizationRoles(organizationId: string): Role[] {
    const org = this.organization(organizationId);
    return [...this.store.listEnvironmentRoles(), ...this.store.listOrganizationOwnRoles(org.id)];
  }

  getEnvironmentRole(name: string): Role {
    const role = this.store.findRole(null, requireText(name, 'role_name'));
    if (role === undefined) throw notFound(`role "${name}" not found`);
    return role;
  }

  /** A role as one organization sees it: its own, or an environment role. */
  getOrganizationRole(organizationId: string, name: string): Role {
    const org = this.organization(organizationId);
    const role = this.store.resolveRole(org.id, requireText(name, 'role_name'));
    if (role === undefined) throw notFound(`role "${name}" not found in ${org.displayName}`);
    return role;
  }

  listDependentRoles(name: string): Role[] {
    return this.store.dependentsOf(this.getEnvironmentRole(name));
  }

  dependentCount(role: Role): number {
    return this.store.dependentsOf(role).length;
  }

  /** Memberships of every status holding the role directly or through a role that extends it. */
  usersCount(role: Role): bigint {
    return BigInt(this.store.countHolders(this.store.withDescendants(role)));
  }

  directPermissions(role: Role): Permission[] {
    return this.store.directPermissions(role.id);
  }

  effectivePermissions(role: Role): { permission: Permission; source: Role }[] {
    return this.store.effectivePermissions(role);
  }

  /** The roles a new membership gets when none are asked for, in this organization. */
  defaultRolesFor(organizationId: string | null): DefaultRoles {
    const env = this.store.environmentDefaults();
    const member =
      (organizationId === null
        ? undefined
        : this.store.organizationDefaultMember(organizationId)) ??
      env.member ??
      this.deps.seed.defaultRole;
    return { creator: env.creator ?? this.deps.seed.firstMemberRole, member };
  }

  /**
   * The role names (a role id stands for its role) an organization can grant, or InvalidArgument
   * naming the first it cannot.
   */
  checkGrantable(organizationId: string, refs: string[]): string[] {
    return refs.map((ref) => {
      const byId = this.store.findRoleById(ref);
      const role =
        byId !== undefined && (byId.organizationId ?? organizationId) === organizationId
          ? byId
          : this.store.resolveRole(organizationId, ref);
      if (role === undefined) {
        const known = this.listOrganizationRoles(organizationId)
          .map((r) => r.name)
          .join(', ');
        throw invalidArgument(`unknown role "${ref}" (roles: ${known})`);
      }
      return role.name;
    });
  }

  // --- environment roles -----------------------------------------------------------------------

  createRole(input: RoleInput): Role {
    return this.deps.store.transaction(() => {
      const name = requireName(input.name, 'name');
      if (this.store.nameTakenAnywhere(name))
        throw alreadyExists(`a role "${name}" already exists`);
      return this.insertRole(null, name, input);
    });
  }

  updateRole(name: string, patch: RolePatch): Role {
    return this.deps.store.transaction(() => this.patchRole(this.getEnvironmentRole(name), patch));
  }

  deleteRole(name: string, reassignTo?: string): void {
    this.deps.store.transaction(() => {
      const role = this.getEnvironmentRole(name);
      const defaults = this.defaultRolesFor(null);
      if (name === defaults.creator)
        throw failedPrecondition(`"${name}" is the default creator role; choose another first`);
      if (name === defaults.member)
        throw failedPrecondition(`"${name}" is the default member role; choose another first`);
      const defaulting = this.store.organizationsDefaultingTo(name);
      if (defaulting.length > 0) {
        throw failedPrecondition(
          `"${name}" is the default member role of ${defaulting.join(', ')}; choose another first`,
        );
      }
      this.removeRole(role, this.replacementFor(role, reassignTo, null), true);
    });
  }

  deleteRoleBase(name: string): Role {
    return this.deps.store.transaction(() => this.dropBase(this.getEnvironmentRole(name)));
  }

  /** Sets the environment's default creator and/or member role (each must be an environment role). */
  updateDefaultRoles(update: { creator?: string; member?: string }): {
    creator: Role;
    member: Role;
  } {
    return this.deps.store.transaction(() => {
      const creator = emptyToUndefined(update.creator);
      const member = emptyToUndefined(update.member);
      if (creator === undefined && member === undefined)
        throw invalidArgument('default_creator_role or default_member_role is required');
      if (creator !== undefined) this.getEnvironmentRole(creator);
      if (member !== undefined) this.getEnvironmentRole(member);
      this.store.setEnvironmentDefaults({ creator, member });
      const current = this.defaultRolesFor(null);
      return {
        creator: this.getEnvironmentRole(current.creator),
        member: this.getEnvironmentRole(current.member),
      };
    });
  }

  // --- organization roles ----------------------------------------------------------------------

  createOrganizationRole(organizationId: string, input: RoleInput): Role {
    return this.deps.store.transaction(() => {
      const org = this.organization(organizationId);
      const name = requireName(input.name, 'name');
      if (this.store.resolveRole(org.id, name) !== undefined)
        throw alreadyExists(`a role "${name}" already exists in ${org.displayName}`);
      return this.insertRole(org.id, name, input);
    });
  }

  updateOrganizationRole(organizationId: string, name: string, patch: RolePatch): Role {
    return this.deps.store.transaction(() =>
      this.patchRole(this.ownRole(organizationId, name), patch),
    );
  }

  /** Holders move to `reassignTo` when given; otherwise they lose the role (keeping at least the default). */
  deleteOrganizationRole(organizationId: string, name: string, reassignTo?: string): void {
    this.deps.store.transaction(() => {
      const role = this.ownRole(organizationId, name);
      if (this.store.organizationDefaultMember(organizationId) === name)
        throw failedPrecondition(
          `"${name}" is the organization's default member role; choose another first`,
        );
      this.removeRole(role, this.replacementFor(role, reassignTo, organizationId), false);
    });
  }

  deleteOrganizationRoleBase(organizationId: string, name: string): Role {
    return this.deps.store.transaction(() => this.dropBase(this.ownRole(organizationId, name)));
  }

  /** The role new invitations and memberships of this organization get (an env or own role). */
  updateDefaultOrganizationRole(organizationId: string, name: string): Role {
    return this.deps.store.transaction(() => {
      const role = this.getOrganizationRole(organizationId, name);
      this.store.setOrganizationDefaultMember(organizationId, role.name);
      return role;
    });
  }

  // --- role permissions (environment roles) ----------------------------------------------------

  addPermissions(roleName: string, permissionNames: string[]): Permission[] {
    return this.deps.store.transaction(() => {
      const role = this.getEnvironmentRole(roleName);
      if (permissionNames.length === 0)
        throw invalidArgument('permission_names must name at least one permission');
      const names = this.checkPermissions(permissionNames);
      const current = new Set(this.store.directPermissions(role.id).map((p) => p.name));
      for (const name of names) current.add(name);
      if (current.size > MAX_ROLE_PERMISSIONS)
        throw invalidArgument(`a role can hold at most ${MAX_ROLE_PERMISSIONS} permissions`);
      this.store.linkPermissions(role.id, names);
      this.touch(role);
      return this.store.directPermissions(role.id);
    });
  }

  removePermission(roleName: string, permissionName: string): void {
    this.deps.store.transaction(() => {
      const role = this.getEnvironmentRole(roleName);
      if (!this.store.unlinkPermission(role.id, permissionName)) {
        throw notFound(`role "${roleName}" has no direct permission "${permissionName}"`);
      }
      this.touch(role);
    });
  }

  // --- internals -------------------------------------------------------------------------------

  private insertRole(organizationId: string | null, name: string, input: RoleInput): Role {
    const now = this.deps.now();
    const role: Role = {
      id: newId('role'),
      organizationId,
      name,
      displayName: requireText(input.displayName, 'display_name', 100),
      description: optionalText(input.description, 'description', MAX_DESCRIPTION) ?? '',
      extends: null,
      createdAt: now,
      updatedAt: now,
    };
    const base = emptyToUndefined(input.extends);
    if (base !== undefined) role.extends = this.checkBase(role, base);
    const permissions = this.checkPermissions(input.permissions ?? []);
    this.store.saveRole(role);
    this.store.linkPermissions(role.id, permissions);
    this.emit('role.created', role);
    return role;
  }

  private patchRole(role: Role, patch: RolePatch): Role {
    if (patch.displayName !== undefined)
      role.displayName = requireText(patch.displayName, 'display_name', 100);
    if (patch.description !== undefined)
      role.description = optionalText(patch.description, 'description', MAX_DESCRIPTION) ?? '';
    if (patch.extends !== undefined) {
      const base = emptyToUndefined(patch.extends);
      role.extends = base === undefined ? null : this.checkBase(role, base);
    }
    // A repeated field cannot say "absent": an empty list leaves the permissions as they are.
    const replace = (patch.permissions ?? []).length > 0;
    const permissions = replace ? this.checkPermissions(patch.permissions ?? []) : [];
    role.updatedAt = this.deps.now();
    this.store.saveRole(role);
    if (replace) this.store.replacePermissions(role.id, permissions);
    this.emit('role.updated', role);
    return role;
  }

  private dropBase(role: Role): Role {
    role.extends = null;
    this.touch(role);
    return role;
  }

  private removeRole(role: Role, replacement: Role | null, holdersNeedReplacement: boolean): void {
    const dependents = this.store.dependentsOf(role);
    if (dependents.length > 0 && replacement === null) {
      throw failedPrecondition(
        `roles ${dependents.map((r) => `"${r.name}"`).join(', ')} extend "${role.name}"; give a reassign role or change them first`,
      );
    }
    if (holdersNeedReplacement && replacement === null && this.store.countHolders([role]) > 0) {
      throw failedPrecondition(
        `"${role.name}" is assigned to members; give reassign_role_name to move them`,
      );
    }
    const now = this.deps.now();
    this.store.rebaseDependents(role, replacement?.name ?? null, now);
    const changed = this.store.reassignHolders(
      role,
      replacement?.name ?? null,
      (organizationId) => this.defaultRolesFor(organizationId).member,
    );
    for (const { organizationId, userId } of changed) this.announceChange(organizationId, userId);
    this.emit('role.deleted', role);
    this.store.deleteRoleRecord(role.id);
  }

  private replacementFor(
    role: Role,
    reassignTo: string | undefined,
    organizationId: string | null,
  ): Role | null {
    const name = emptyToUndefined(reassignTo);
    if (name === undefined) return null;
    if (name === role.name) throw invalidArgument('reassign_role_name must name another role');
    const replacement =
      organizationId === null
        ? this.store.findRole(null, name)
        : this.store.resolveRole(organizationId, name);
    if (replacement === undefined) throw notFound(`reassign role "${name}" not found`);
    // Dependents will extend the replacement: it must not itself stand on the deleted role.
    const descendants = new Set(this.store.withDescendants(role).map((r) => r.id));
    if (this.store.lineage(replacement).some((r) => descendants.has(r.id))) {
      throw invalidArgument(`"${name}" extends "${role.name}" and cannot replace it`);
    }
    return replacement;
  }

  /** The base must be visible in the role's scope and must not lead back to the role. */
  private checkBase(role: Role, baseName: string): string {
    if (baseName === role.name) throw invalidArgument('a role cannot extend itself');
    const base =
      role.organizationId === null
        ? this.store.findRole(null, baseName)
        : this.store.resolveRole(role.organizationId, baseName);
    if (base === undefined) throw notFound(`base role "${baseName}" not found`);
    if (this.store.lineage(base).some((r) => r.id === role.id))
      throw invalidArgument(`"${baseName}" already extends "${role.name}"`);
    return base.name;
  }

  private checkPermissions(names: string[]): string[] {
    const unique = [...new Set(names)];
    if (unique.length > MAX_ROLE_PERMISSIONS)
      throw invalidArgument(`a role can hold at most ${MAX_ROLE_PERMISSIONS} permissions`);
    for (const name of unique) {
      if (this.store.getPermission(name) === undefined)
        throw notFound(`permission "${name}" not found`);
    }
    return unique;
  }

  private ownRole(organizationId: string, name: string): Role {
    const org = this.organization(organizationId);
    const role = this.store.resolveRole(org.id, requireText(name, 'role_name'));
    if (role === undefined) throw notFound(`role "${name}" not found in ${org.displayName}`);
    if (role.organizationId === null) {
      throw failedPrecondition(
        `"${name}" is an environment role; change it with the environment role calls`,
      );
    }
    return role;
  }

  private organization(organizationId: string): Organization {
    return requireOrganization(this.deps.store, { id: requireText(organizationId, 'org_id') });
  }

  /** The holders' memberships changed: tell webhook consumers as any membership change does. */
  private announceChange(organizationId: string, userId: string): void {
    const org = this.deps.store.getOrganization(organizationId);
    const user = this.deps.store.getUser(userId);
    const membership = this.deps.store.getMembership(organizationId, userId);
    if (org === undefined || user === undefined || membership === undefined) return;
    announceMembership(
      this.deps.events,
      'user.organization_membership_updated',
      org,
      user,
      membership,
    );
  }

  private touch(role: Role): void {
    role.updatedAt = this.deps.now();
    this.store.saveRole(role);
    this.emit('role.updated', role);
  }

  private emit(type: WebhookEventType, role: Role): void {
    this.deps.events.emit(type, role.organizationId, 'Role', {
      id: role.id,
      name: role.name,
      display_name: role.displayName,
      description: role.description,
      extends: role.extends,
      is_org_role: role.organizationId !== null,
      permissions: this.store.directPermissions(role.id).map((permission) => permission.name),
    });
  }
}

function requireName(name: string, field: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw invalidArgument(`${field} is required`);
  if (!ROLE_NAME.test(trimmed))
    throw invalidArgument(`${field} must be 1 to 64 letters, digits or underscores`);
  return trimmed;
}
