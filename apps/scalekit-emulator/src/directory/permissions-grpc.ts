// RolesService's permission RPCs: permissions, and their links to environment roles.
import type { ServiceImpl } from '@connectrpc/connect';
import type { RolesService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/roles/roles_pb.js';
import { pageFields } from '../grpc/messages.js';
import type { RolePresenter } from '../grpc/role-messages.js';
import { invalidArgument } from './errors.js';
import type { Permissions } from './permissions.js';
import type { PermissionFilter } from './role-store.js';
import type { Roles } from './roles.js';

type PermissionMethods = Pick<
  ServiceImpl<typeof RolesService>,
  | 'createPermission'
  | 'getPermission'
  | 'listPermissions'
  | 'updatePermission'
  | 'deletePermission'
  | 'listRolePermissions'
  | 'addPermissionsToRole'
  | 'removePermissionFromRole'
  | 'listEffectiveRolePermissions'
>;

export function permissionRpcs(
  permissions: Permissions,
  roles: Roles,
  present: RolePresenter,
): PermissionMethods {
  return {
    createPermission(req) {
      if (req.permission === undefined) throw invalidArgument('permission is required');
      return { permission: present.permission(permissions.create(req.permission)) };
    },
    getPermission(req) {
      return { permission: present.permission(permissions.get(req.permissionName)) };
    },
    listPermissions(req) {
      const page = permissions.list(permissionFilter(req.type), {
        pageSize: req.pageSize,
        pageToken: req.pageToken,
      });
      return {
        permissions: page.items.map((permission) => present.permission(permission)),
        ...pageFields(page),
      };
    },
    updatePermission(req) {
      if (req.permission === undefined) throw invalidArgument('permission is required');
      const permission = permissions.update(req.permissionName, req.permission);
      return { permission: present.permission(permission) };
    },
    deletePermission(req) {
      permissions.delete(req.permissionName);
      return {};
    },
    listRolePermissions(req) {
      const role = roles.getEnvironmentRole(req.roleName);
      return {
        permissions: roles
          .directPermissions(role)
          .map((permission) => present.permission(permission)),
      };
    },
    addPermissionsToRole(req) {
      const linked = roles.addPermissions(req.roleName, req.permissionNames);
      return { permissions: linked.map((permission) => present.permission(permission)) };
    },
    removePermissionFromRole(req) {
      roles.removePermission(req.roleName, req.permissionName);
      return {};
    },
    listEffectiveRolePermissions(req) {
      const role = roles.getEnvironmentRole(req.roleName);
      return {
        permissions: roles
          .effectivePermissions(role)
          .map(({ permission }) => present.permission(permission)),
      };
    },
  };
}

function permissionFilter(type: number): PermissionFilter {
  if (type === 0 || type === 1 || type === 2) return type;
  throw invalidArgument('type must be ALL, SCALEKIT or ENVIRONMENT');
}
