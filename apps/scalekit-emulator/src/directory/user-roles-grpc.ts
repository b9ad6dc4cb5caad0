// UserService's member-role RPCs: list, assign and remove a member's roles in an organization,
// and list the permissions they grant.
import type { ServiceImpl } from '@connectrpc/connect';
import type { UserService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/users/users_pb.js';
import type { Presenter } from '../grpc/messages.js';
import { requireField, roleNames } from '../grpc/refs.js';
import type { UserRoles } from './user-roles.js';

export function userRoleRpcs(
  userRoles: UserRoles,
  present: Presenter,
): Partial<ServiceImpl<typeof UserService>> {
  return {
    listUserRoles(req) {
      const roles = userRoles.listUserRoles(
        requireField(req.organizationId, 'organization_id'),
        requireField(req.userId, 'user_id'),
      );
      return { roles: roles.map((name) => present.roleRef(req.organizationId, name)) };
    },
    assignUserRoles(req) {
      const roles = userRoles.assignUserRoles(
        requireField(req.organizationId, 'organization_id'),
        requireField(req.userId, 'user_id'),
        roleNames(req.roles),
      );
      return { roles: roles.map((name) => present.roleRef(req.organizationId, name)) };
    },
    removeUserRole(req) {
      userRoles.removeUserRole(
        requireField(req.organizationId, 'organization_id'),
        requireField(req.userId, 'user_id'),
        requireField(req.roleName, 'role_name'),
      );
      return {};
    },
    listUserPermissions(req) {
      const permissions = userRoles.listUserPermissions(
        requireField(req.organizationId, 'organization_id'),
        requireField(req.userId, 'user_id'),
      );
      return {
        permissions: permissions.map(({ id, name, description }) => ({ id, name, description })),
      };
    },
  };
}
