// OrganizationService: create, get, list, update, delete. Other RPCs answer Unimplemented.
import type { ServiceImpl } from '@connectrpc/connect';
import { OrganizationService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/organizations/organizations_pb.js';
import { invalidArgument } from '../directory/errors.js';
import type { Management } from '../directory/management.js';
import type { Presenter } from './messages.js';
import { refOf } from './refs.js';

export function organizationService(
  management: Management,
  present: Presenter,
): Partial<ServiceImpl<typeof OrganizationService>> {
  return {
    createOrganization(req) {
      if (req.organization === undefined) throw invalidArgument('organization is required');
      const org = management.createOrganization({
        displayName: req.organization.displayName,
        externalId: req.organization.externalId,
        metadata: req.organization.metadata,
      });
      return { organization: present.organization(org) };
    },
    getOrganization(req) {
      return {
        organization: present.organization(
          management.getOrganization(refOf(req.identities, 'organization')),
        ),
      };
    },
    listOrganization(req) {
      const page = management.listOrganizations({
        pageSize: req.pageSize,
        pageToken: req.pageToken,
        externalId: req.externalId,
      });
      return {
        organizations: page.items.map((org) => present.organization(org)),
        nextPageToken: page.nextPageToken,
        totalSize: page.totalSize,
        prevPageToken: '',
      };
    },
    updateOrganization(req) {
      const org = management.updateOrganization(refOf(req.identities, 'organization'), {
        displayName: req.organization?.displayName,
        externalId: req.organization?.externalId,
        metadata: req.organization?.metadata,
      });
      return { organization: present.organization(org) };
    },
    deleteOrganization(req) {
      management.deleteOrganization(refOf(req.identities, 'organization'));
      return {};
    },
  };
}
