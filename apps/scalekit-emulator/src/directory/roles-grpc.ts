// RolesService's read RPCs over the environment's roles (from the seed).
import type { ServiceImpl } from '@connectrpc/connect';
import type { RolesService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/roles/roles_pb.js';
import type { Presenter } from '../grpc/messages.js';
import { requireField } from '../grpc/refs.js';
import type { Roles } from './roles.js';

export function roleRpcs(
  roles: Roles,
  present: Presenter,
): Partial<ServiceImpl<typeof RolesService>> {
  return {
    listRoles() {
      return { roles: roles.listRoles().map((role) => present.role(role)) };
    },
    getRole(req) {
      return { role: present.role(roles.getRole(requireField(req.roleName, 'role_name'))) };
    },
    listOrganizationRoles(req) {
      const found = roles.listOrganizationRoles(requireField(req.orgId, 'org_id'));
      return { roles: found.map((role) => present.role(role)) };
    },
  };
}
