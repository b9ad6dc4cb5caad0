// OrganizationService's admin portal RPCs: GeneratePortalLink, GetPortalLinks, DeletePortalLink
// (every link of the organization) and DeletePortalLinkByID.
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { ServiceImpl } from '@connectrpc/connect';
import {
  Feature,
  type OrganizationService,
} from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/organizations/organizations_pb.js';
import { requireField } from '../grpc/refs.js';
import { invalidArgument } from './errors.js';
import type { PortalFeature, PortalLink, PortalLinks } from './portal-links.js';

export function portalLinkRpcs(
  links: PortalLinks,
): Partial<ServiceImpl<typeof OrganizationService>> {
  return {
    generatePortalLink(req) {
      // Deprecated booleans that older callers still send: they ask for the same features.
      const legacy: { sso?: boolean; directorySync?: boolean } = req;
      const features = req.features.map(featureName);
      if (legacy.sso === true) features.push('sso');
      if (legacy.directorySync === true) features.push('dir_sync');
      return { link: message(links.generate(requireField(req.id, 'id'), features)) };
    },
    getPortalLinks(req) {
      return { links: links.list(requireField(req.id, 'id')).map(message) };
    },
    deletePortalLink(req) {
      links.deleteAll(requireField(req.id, 'id'));
      return {};
    },
    deletePortalLinkByID(req) {
      links.deleteOne(requireField(req.id, 'id'), req.linkId);
      return {};
    },
  };
}

function featureName(feature: Feature): PortalFeature {
  switch (feature) {
    case Feature.sso:
      return 'sso';
    case Feature.dir_sync:
      return 'dir_sync';
    default:
      throw invalidArgument(`features: ${String(feature)} is not a portal feature (sso, dir_sync)`);
  }
}

function message(link: PortalLink) {
  return { id: link.id, location: link.location, expireTime: timestampFromDate(link.expiresAt) };
}
