// Permission administration with Scalekit's rules: `resource:action` names unique per
// environment, Scalekit's own permissions read-only, no deletion while a role holds one.
import type { WebhookEventType } from '../domain.js';
import { alreadyExists, failedPrecondition, invalidArgument, notFound } from './errors.js';
import { newId } from './ids.js';
import type { ManagementDeps } from './management.js';
import type { Page, PageRequest } from './paging.js';
import type { Permission, PermissionFilter, RoleStore } from './role-store.js';
import { optionalText, requireText } from './validation.js';

const PERMISSION_NAME = /^[a-zA-Z0-9_:]{1,64}$/;
const MAX_DESCRIPTION = 2000;

export class Permissions {
  constructor(private readonly deps: ManagementDeps) {}

  private get store(): RoleStore {
    return this.deps.store.roles;
  }

  create(input: { name: string; description: string }): Permission {
    const name = input.name.trim();
    if (!PERMISSION_NAME.test(name)) {
      throw invalidArgument(
        'name must be 1 to 64 letters, digits, underscores or colons (e.g. "documents:read")',
      );
    }
    return this.deps.store.transaction(() => {
      if (this.store.getPermission(name) !== undefined)
        throw alreadyExists(`a permission "${name}" already exists`);
      const now = this.deps.now();
      const permission: Permission = {
        id: newId('perm'),
        name,
        description: optionalText(input.description, 'description', MAX_DESCRIPTION) ?? '',
        scalekit: false,
        createdAt: now,
        updatedAt: now,
      };
      this.store.savePermission(permission);
      this.emit('permission.created', permission);
      return permission;
    });
  }

  get(name: string): Permission {
    const permission = this.store.getPermission(requireText(name, 'permission_name'));
    if (permission === undefined) throw notFound(`permission "${name}" not found`);
    return permission;
  }

  list(filter: PermissionFilter, request: PageRequest): Page<Permission> {
    return this.store.pagePermissions(filter, request);
  }

  /** Only the description changes: the name is the permission's identity. */
  update(name: string, input: { name: string; description: string }): Permission {
    return this.deps.store.transaction(() => {
      const permission = this.editable(name);
      const rename = input.name.trim();
      if (rename !== '' && rename !== permission.name)
        throw invalidArgument(`name cannot change (permission "${permission.name}")`);
      permission.description =
        optionalText(input.description, 'description', MAX_DESCRIPTION) ?? '';
      permission.updatedAt = this.deps.now();
      this.store.savePermission(permission);
      this.emit('permission.updated', permission);
      return permission;
    });
  }

  delete(name: string): void {
    this.deps.store.transaction(() => {
      const permission = this.editable(name);
      const roles = this.store.rolesLinkedTo(permission.name);
      if (roles.length > 0) {
        throw failedPrecondition(
          `permission "${permission.name}" is held by ${roles.map((role) => `"${role}"`).join(', ')}; remove it from them first`,
        );
      }
      this.store.deletePermissionRecord(permission.name);
      this.emit('permission.deleted', permission);
    });
  }

  private editable(name: string): Permission {
    const permission = this.get(name);
    if (permission.scalekit)
      throw failedPrecondition(`"${permission.name}" is predefined by Scalekit and cannot change`);
    return permission;
  }

  private emit(type: WebhookEventType, permission: Permission): void {
    this.deps.events.emit(type, null, 'Permission', {
      id: permission.id,
      name: permission.name,
      description: permission.description,
    });
  }
}
