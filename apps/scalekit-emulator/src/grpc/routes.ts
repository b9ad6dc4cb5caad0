// The management API's connect router: each service assembled from the per-resource RPC modules
// in src/directory, behind the token and error interceptors, and every other SDK service
// answering Unimplemented (see unimplemented.ts).
import type { ConnectRouter, ConnectRouterOptions } from '@connectrpc/connect';
import { DomainService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/domains/domains_pb.js';
import { OrganizationService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/organizations/organizations_pb.js';
import { RolesService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/roles/roles_pb.js';
import { SessionService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/sessions/sessions_pb.js';
import { UserService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/users/users_pb.js';
import type { Domains } from '../directory/domains.js';
import { domainRpcs } from '../directory/domains-grpc.js';
import type { Management } from '../directory/management.js';
import { membershipRpcs } from '../directory/memberships-grpc.js';
import { organizationRpcs } from '../directory/organizations-grpc.js';
import { organizationSettingsRpcs } from '../directory/organization-settings-grpc.js';
import type { PortalLinks } from '../directory/portal-links.js';
import { portalLinkRpcs } from '../directory/portal-links-grpc.js';
import { permissionRpcs } from '../directory/permissions-grpc.js';
import { roleRpcs } from '../directory/roles-grpc.js';
import { organizationSearchRpcs, userSearchRpcs } from '../directory/search-grpc.js';
import { seatLimitRpcs } from '../directory/seat-limits-grpc.js';
import { sessionPolicyRpcs } from '../directory/session-policy-grpc.js';
import type { DirectoryStore } from '../directory/store.js';
import { userRoleRpcs } from '../directory/user-roles-grpc.js';
import { userRpcs } from '../directory/users-grpc.js';
import { currentUserRpcs } from '../directory/current-user-grpc.js';
import type { Seed } from '../domain.js';
import { guardInvitations, type InvitationGate } from '../interceptors/invitation-gate.js';
import { sessionRpcs } from '../sessions/sessions-grpc.js';
import type { UserSessions } from '../sessions/user-sessions.js';
import {
  requireAccessToken,
  translateDirectoryErrors,
  type TokenVerifiers,
} from './interceptors.js';
import { Presenter } from './messages.js';
import { RolePresenter } from './role-messages.js';
import { unimplementedServices, type NodeHandler } from './unimplemented.js';

export interface ManagementApiDeps {
  management: Management;
  store: DirectoryStore;
  seed: Seed;
  verifyTokens: TokenVerifiers;
  domains: Domains;
  portalLinks: PortalLinks;
  userSessions: UserSessions;
  invitationGate: InvitationGate;
}

export function managementApi(deps: ManagementApiDeps): {
  routes: (router: ConnectRouter) => void;
  options: ConnectRouterOptions & { fallback: NodeHandler };
} {
  const present = new Presenter(deps.store, deps.seed);
  const presentRoles = new RolePresenter(deps.management.roles);
  // Order matters: the token check runs first, so an unauthenticated caller learns nothing else.
  const interceptors = [requireAccessToken(deps.verifyTokens), translateDirectoryErrors];
  const served = new Set<string>();
  return {
    routes(router) {
      const { management } = deps;
      router.service(OrganizationService, {
        ...organizationRpcs(management.organizations, present),
        ...organizationSearchRpcs(management.search, present),
        ...organizationSettingsRpcs(management.organizationSettings, present),
        ...seatLimitRpcs(management.seatLimits),
        ...sessionPolicyRpcs(management.sessionPolicies),
        ...portalLinkRpcs(deps.portalLinks),
      });
      router.service(
        UserService,
        // Invitations first pass the email domain rules and the PRE_USER_INVITATION interceptor.
        guardInvitations(
          {
            ...userRpcs(management.users, present),
            ...userSearchRpcs(management.search, present),
            ...membershipRpcs(management.memberships, present),
            ...userRoleRpcs(management.userRoles, present),
            ...currentUserRpcs(deps.store, present, deps.seed.clients),
          },
          deps.invitationGate,
        ),
      );
      router.service(RolesService, {
        ...roleRpcs(management.roles, presentRoles),
        ...permissionRpcs(management.permissions, management.roles, presentRoles),
      });
      router.service(
        DomainService,
        domainRpcs(deps.domains, deps.seed.environment.id, deps.seed.clients),
      );
      router.service(SessionService, sessionRpcs(deps.userSessions));
      for (const handler of router.handlers) served.add(handler.service.typeName);
    },
    options: {
      interceptors,
      fallback: unimplementedServices({ served: () => served, interceptors }),
    },
  };
}
