// RolesService's role RPCs: environment and organization roles, defaults, dependents, counts.
import type { ServiceImpl } from '@connectrpc/connect';
import type { RolesService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/roles/roles_pb.js';
import type { RoleInclude, RolePresenter } from '../grpc/role-messages.js';
import { requireField } from '../grpc/refs.js';
import { invalidArgument } from './errors.js';
import type { Roles } from './roles.js';

type RoleMethods = Pick<
  ServiceImpl<typeof RolesService>,
  | 'createRole'
  | 'getRole'
  | 'listRoles'
  | 'updateRole'
  | 'deleteRole'
  | 'deleteRoleBase'
  | 'getRoleUsersCount'
  | 'listDependentRoles'
  | 'updateDefaultRoles'
  | 'createOrganizationRole'
  | 'getOrganizationRole'
  | 'listOrganizationRoles'
  | 'updateOrganizationRole'
  | 'deleteOrganizationRole'
  | 'getOrganizationRoleUsersCount'
  | 'deleteOrganizationRoleBase'
  | 'updateDefaultOrganizationRoles'
>;

export function roleRpcs(roles: Roles, present: RolePresenter): RoleMethods {
  return {
    createRole(req) {
      return { role: present.role(roles.createRole(required(req.role)), 'permissions') };
    },
    getRole(req) {
      return { role: present.role(roles.getEnvironmentRole(req.roleName), include(req.include)) };
    },
    listRoles(req) {
      const shown = include(req.include);
      return { roles: roles.listEnvironmentRoles().map((role) => present.role(role, shown)) };
    },
    updateRole(req) {
      const role = roles.updateRole(req.roleName, required(req.role));
      return { role: present.role(role, 'permissions') };
    },
    deleteRole(req) {
      roles.deleteRole(req.roleName, req.reassignRoleName);
      return {};
    },
    deleteRoleBase(req) {
      roles.deleteRoleBase(req.roleName);
      return {};
    },
    getRoleUsersCount(req) {
      return { count: roles.usersCount(roles.getEnvironmentRole(req.roleName)) };
    },
    listDependentRoles(req) {
      return {
        roles: roles.listDependentRoles(req.roleName).map((role) => present.role(role, undefined)),
      };
    },
    updateDefaultRoles(req) {
      const { creator, member } = roles.updateDefaultRoles({
        creator: req.defaultCreatorRole,
        member: req.defaultMemberRole,
      });
      return {
        defaultCreator: present.role(creator, undefined),
        defaultMember: present.role(member, undefined),
      };
    },
    createOrganizationRole(req) {
      const orgId = requireField(req.orgId, 'org_id');
      const role = roles.createOrganizationRole(orgId, required(req.role));
      return { role: present.role(role, 'permissions', orgId) };
    },
    getOrganizationRole(req) {
      const role = roles.getOrganizationRole(req.orgId, req.roleName);
      return { role: present.role(role, include(req.include), req.orgId) };
    },
    listOrganizationRoles(req) {
      const shown = include(req.include);
      return {
        roles: roles
          .listOrganizationRoles(req.orgId)
          .map((role) => present.role(role, shown, req.orgId)),
      };
    },
    updateOrganizationRole(req) {
      const role = roles.updateOrganizationRole(req.orgId, req.roleName, required(req.role));
      return { role: present.role(role, 'permissions', req.orgId) };
    },
    deleteOrganizationRole(req) {
      roles.deleteOrganizationRole(req.orgId, req.roleName, req.reassignRoleName);
      return {};
    },
    getOrganizationRoleUsersCount(req) {
      return { count: roles.usersCount(roles.getOrganizationRole(req.orgId, req.roleName)) };
    },
    deleteOrganizationRoleBase(req) {
      roles.deleteOrganizationRoleBase(req.orgId, req.roleName);
      return {};
    },
    updateDefaultOrganizationRoles(req) {
      const role = roles.updateDefaultOrganizationRole(
        req.orgId,
        requireField(req.defaultMemberRole, 'default_member_role'),
      );
      return { defaultMember: present.role(role, undefined, req.orgId) };
    },
  };
}

/** CreateRole, CreateOrganizationRole and UpdateRole carry the fields the role calls take. */
function required<T>(role: T | undefined): T {
  if (role === undefined) throw invalidArgument('role is required');
  return role;
}

function include(value: string | undefined): RoleInclude {
  if (value === undefined || value === '') return undefined;
  if (value === 'permissions' || value === 'permissions:all') return value;
  throw invalidArgument('include must be "permissions" or "permissions:all"');
}
