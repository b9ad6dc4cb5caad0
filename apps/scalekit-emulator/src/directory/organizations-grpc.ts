// OrganizationService's organization RPCs: create, get (also by external id), list, update, delete.
import { RegionCode } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/commons/commons_pb.js';
import type { ServiceImpl } from '@connectrpc/connect';
import type {
  GetOrganizationRequest,
  OrganizationService,
} from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/organizations/organizations_pb.js';
import { pageFields, type Presenter } from '../grpc/messages.js';
import { refOf } from '../grpc/refs.js';
import { invalidArgument } from './errors.js';
import type { Organizations } from './organizations.js';

export function organizationRpcs(
  organizations: Organizations,
  present: Presenter,
): Partial<ServiceImpl<typeof OrganizationService>> {
  const getOrganization = (req: GetOrganizationRequest) => ({
    organization: present.organization(
      organizations.getOrganization(refOf(req.identities, 'organization')),
    ),
  });
  return {
    createOrganization(req) {
      if (req.organization === undefined) throw invalidArgument('organization is required');
      const org = organizations.createOrganization({
        displayName: req.organization.displayName,
        externalId: req.organization.externalId,
        metadata: req.organization.metadata,
        slug: req.organization.slug,
        logoUrl: req.organization.logoUrl,
        regionCode: req.organization.regionCode === RegionCode.EU ? 'EU' : 'US',
      });
      return { organization: present.organization(org) };
    },
    getOrganization,
    // The same request and answer under its own RPC name (the SDK itself uses GetOrganization).
    getOrganizationByExternalId: getOrganization,
    listOrganization(req) {
      const page = organizations.listOrganizations({
        pageSize: req.pageSize,
        pageToken: req.pageToken,
        externalId: req.externalId,
      });
      return {
        organizations: page.items.map((org) => present.organization(org)),
        ...pageFields(page),
      };
    },
    updateOrganization(req) {
      const org = organizations.updateOrganization(refOf(req.identities, 'organization'), {
        displayName: req.organization?.displayName,
        externalId: req.organization?.externalId,
        metadata: req.organization?.metadata,
        slug: req.organization?.slug,
        logoUrl: req.organization?.logoUrl,
      });
      return { organization: present.organization(org) };
    },
    deleteOrganization(req) {
      organizations.deleteOrganization(refOf(req.identities, 'organization'));
      return {};
    },
  };
}
