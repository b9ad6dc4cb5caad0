// The management API's connect router: the services behind the token and error interceptors.
import type { ConnectRouter, ConnectRouterOptions } from '@connectrpc/connect';
import { DomainService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/domains/domains_pb.js';
import { OrganizationService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/organizations/organizations_pb.js';
import { RolesService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/roles/roles_pb.js';
import { SessionService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/sessions/sessions_pb.js';
import { UserService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/users/users_pb.js';
import type { Domains } from '../directory/domains.js';
import type { Management } from '../directory/management.js';
import type { DirectoryStore } from '../directory/store.js';
import type { Seed } from '../domain.js';
import { guardInvitations, type InvitationGate } from '../interceptors/invitation-gate.js';
import type { UserSessions } from '../sessions/user-sessions.js';
import { domainService } from './domain-service.js';
import { requireManagementToken, translateDirectoryErrors } from './interceptors.js';
import { Presenter } from './messages.js';
import { organizationService } from './organization-service.js';
import { roleService } from './role-service.js';
import { sessionService } from './session-service.js';
import { userService } from './user-service.js';

export interface ManagementApiDeps {
  management: Management;
  store: DirectoryStore;
  seed: Seed;
  verifyManagementToken: (authorization: string | undefined) => Promise<boolean>;
  domains: Domains;
  userSessions: UserSessions;
  invitationGate: InvitationGate;
  /** How a membership was provisioned, where the emulator recorded it. */
  provisioningMethod?: (organizationId: string, userId: string) => string | undefined;
}

/** Path prefix shared by every management RPC, used to route HTTP/1.1 Connect calls. */
export const RPC_PATH_PREFIX = '/scalekit.v1.';

export function managementApi(deps: ManagementApiDeps): {
  routes: (router: ConnectRouter) => void;
  options: ConnectRouterOptions;
} {
  const present = new Presenter(deps.store, deps.seed, deps.provisioningMethod);
  return {
    routes(router) {
      router.service(OrganizationService, organizationService(deps.management, present));
      router.service(
        UserService,
        guardInvitations(userService(deps.management, present), deps.invitationGate),
      );
      router.service(RolesService, roleService(deps.management, present));
      router.service(DomainService, domainService(deps.domains, deps.seed.environment.id));
      router.service(SessionService, sessionService(deps.userSessions));
    },
    options: {
      // Order matters: the token check runs first, so an unauthenticated caller learns nothing else.
      interceptors: [requireManagementToken(deps.verifyManagementToken), translateDirectoryErrors],
    },
  };
}
