// The management API's connect router: the emulated services behind the token and error
// interceptors, and every other SDK service answering Unimplemented (see unimplemented.ts).
import type { ConnectRouter, ConnectRouterOptions } from '@connectrpc/connect';
import { OrganizationService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/organizations/organizations_pb.js';
import { RolesService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/roles/roles_pb.js';
import { UserService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/users/users_pb.js';
import type { Management } from '../directory/management.js';
import type { PermissionAdmin } from '../directory/permissions.js';
import type { RoleAdmin } from '../directory/roles.js';
import type { DirectoryStore } from '../directory/store.js';
import type { Seed } from '../domain.js';
import { requireManagementToken, translateDirectoryErrors } from './interceptors.js';
import { Presenter } from './messages.js';
import { organizationService } from './organization-service.js';
import { permissionService } from './permission-service.js';
import { RolePresenter } from './role-messages.js';
import { roleService } from './role-service.js';
import { unimplementedServices, type NodeHandler } from './unimplemented.js';
import { userService } from './user-service.js';

export interface ManagementApiDeps {
  management: Management;
  roles: RoleAdmin;
  permissions: PermissionAdmin;
  store: DirectoryStore;
  seed: Seed;
  verifyManagementToken: (authorization: string | undefined) => Promise<boolean>;
}

/** Path prefix shared by every management RPC, used to route HTTP/1.1 Connect calls. */
export const RPC_PATH_PREFIX = '/scalekit.v1.';

export function managementApi(deps: ManagementApiDeps): {
  routes: (router: ConnectRouter) => void;
  options: ConnectRouterOptions & { fallback: NodeHandler };
} {
  const present = new Presenter(deps.store, deps.seed);
  const presentRoles = new RolePresenter(deps.roles);
  // Order matters: the token check runs first, so an unauthenticated caller learns nothing else.
  const interceptors = [
    requireManagementToken(deps.verifyManagementToken),
    translateDirectoryErrors,
  ];
  const served = new Set<string>();
  return {
    routes(router) {
      router.service(OrganizationService, organizationService(deps.management, present));
      router.service(UserService, userService(deps.management, present));
      router.service(RolesService, {
        ...roleService(deps.roles, presentRoles),
        ...permissionService(deps.permissions, deps.roles, presentRoles),
      });
      for (const handler of router.handlers) served.add(handler.service.typeName);
    },
    options: {
      interceptors,
      fallback: unimplementedServices({ served: () => served, interceptors }),
    },
  };
}
