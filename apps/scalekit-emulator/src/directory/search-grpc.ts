// The search RPCs: UserService's searchUsers and searchOrganizationUsers, and
// OrganizationService's searchOrganization.
import type { ServiceImpl } from '@connectrpc/connect';
import type { OrganizationService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/organizations/organizations_pb.js';
import type { UserService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/users/users_pb.js';
import { pageFields, type Presenter } from '../grpc/messages.js';
import { requireField } from '../grpc/refs.js';
import type { Search } from './search.js';

export function userSearchRpcs(
  search: Search,
  present: Presenter,
): Partial<ServiceImpl<typeof UserService>> {
  return {
    searchUsers(req) {
      const page = search.searchUsers(req.query, req);
      return {
        users: page.items.map((user) => present.user(user)),
        ...pageFields(page),
      };
    },
    searchOrganizationUsers(req) {
      const page = search.searchOrganizationUsers(
        requireField(req.organizationId, 'organization_id'),
        req.query,
        req,
      );
      return {
        // As in listOrganizationUsers: each user carries its membership in this organization.
        users: page.items.map(({ user, membership }) => present.user(user, [membership])),
        ...pageFields(page),
      };
    },
  };
}

export function organizationSearchRpcs(
  search: Search,
  present: Presenter,
): Partial<ServiceImpl<typeof OrganizationService>> {
  return {
    searchOrganization(req) {
      const page = search.searchOrganizations(req.query, req);
      return {
        organizations: page.items.map((org) => present.organization(org)),
        ...pageFields(page),
      };
    },
  };
}
