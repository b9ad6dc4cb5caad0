// RolesService: the environment's roles (from the seed). Other RPCs answer Unimplemented.
import type { ServiceImpl } from '@connectrpc/connect';
import { RolesService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/roles/roles_pb.js';
import type { Management } from '../directory/management.js';
import type { Presenter } from './messages.js';
import { requireField } from './refs.js';

export function roleService(
  management: Management,
  present: Presenter,
): Partial<ServiceImpl<typeof RolesService>> {
  return {
    listRoles() {
      return { roles: management.listRoles().map((role) => present.role(role)) };
    },
    getRole(req) {
      return { role: present.role(management.getRole(requireField(req.roleName, 'role_name'))) };
    },
    listOrganizationRoles(req) {
      const roles = management.listOrganizationRoles(requireField(req.orgId, 'org_id'));
      return { roles: roles.map((role) => present.role(role)) };
    },
  };
}
