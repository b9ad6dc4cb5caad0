// DomainService's RPCs: create, get, update, list and delete an organization's domains, DNS
// verification, and the host names an application origin is authorized for.
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { MessageInitShape } from '@bufbuild/protobuf';
import type { ServiceImpl } from '@connectrpc/connect';
import {
  DomainType,
  VerificationMethod,
  VerificationStatus,
  type DomainSchema,
  type DomainService,
} from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/domains/domains_pb.js';
import { authorizedDomains } from './authorized-domains.js';
import type { Domains } from './domains.js';
import { invalidArgument } from './errors.js';
import type { Ref } from './lookups.js';
import type {
  ClientRegistration,
  DomainType as DomainKind,
  OrganizationDomain,
} from '../domain.js';
import { requireField } from '../grpc/refs.js';

type DomainMessage = MessageInitShape<typeof DomainSchema>;

interface OrganizationIdentities {
  identities: { case: 'organizationId' | 'externalId'; value: string } | { case: undefined };
}

/** The SDK addresses domains by organization id; the API also takes the external id. */
function organizationIdOf(req: OrganizationIdentities): Ref {
  if (req.identities.case === 'organizationId') {
    return { id: requireField(req.identities.value, 'organization_id') };
  }
  if (req.identities.case === 'externalId') {
    return { externalId: requireField(req.identities.value, 'external_id') };
  }
  throw invalidArgument('organization_id or external_id is required');
}

/** Domains scoped to an SSO connection cannot exist here: connections are not emulated. */
function refuseConnection(connectionId: string | undefined): void {
  if (connectionId !== undefined && connectionId !== '') {
    throw invalidArgument(`connection_id ${connectionId}: SSO connections are not emulated`);
  }
}

function kindOf(type: DomainType, unspecified: DomainKind | undefined): DomainKind | undefined {
  switch (type) {
    case DomainType.ALLOWED_EMAIL_DOMAIN:
      return 'ALLOWED_EMAIL_DOMAIN';
    case DomainType.ORGANIZATION_DOMAIN:
      return 'ORGANIZATION_DOMAIN';
    case DomainType.DOMAIN_TYPE_UNSPECIFIED:
      return unspecified;
    default:
      throw invalidArgument(`domain_type ${String(type)} is not a known domain type`);
  }
}

export function presentDomain(domain: OrganizationDomain, environmentId: string): DomainMessage {
  return {
    id: domain.id,
    domain: domain.domain,
    environmentId,
    organizationId: domain.organizationId,
    txtRecordKey: domain.txtRecordKey,
    txtRecordSecret: domain.txtRecordSecret,
    verificationStatus: VerificationStatus[domain.verificationStatus],
    verificationMethod: VerificationMethod[domain.verificationMethod],
    domainType: DomainType[domain.type],
    createTime: timestampFromDate(domain.createdAt),
    updateTime: timestampFromDate(domain.updatedAt),
  };
}

export function domainRpcs(
  domains: Domains,
  environmentId: string,
  clients: readonly ClientRegistration[],
): ServiceImpl<typeof DomainService> {
  const present = (domain: OrganizationDomain) => presentDomain(domain, environmentId);
  return {
    createDomain(req) {
      if (req.domain === undefined) throw invalidArgument('domain is required');
      refuseConnection(req.connectionId);
      const created = domains.create(
        organizationIdOf(req),
        req.domain.domain,
        // Scalekit treats a domain without a type as an organization domain.
        kindOf(req.domain.domainType, 'ORGANIZATION_DOMAIN') ?? 'ORGANIZATION_DOMAIN',
      );
      return { domain: present(created) };
    },
    getDomain(req) {
      return { domain: present(domains.get(organizationIdOf(req), requireField(req.id, 'id'))) };
    },
    updateDomain(req) {
      refuseConnection(req.connectionId);
      return { domain: present(domains.update(organizationIdOf(req), requireField(req.id, 'id'))) };
    },
    verifyDomain(req) {
      return { verified: domains.verify(organizationIdOf(req), requireField(req.id, 'id')) };
    },
    listAuthorizedDomains(req) {
      return { domains: authorizedDomains(clients, req.origin) };
    },
    listDomains(req) {
      refuseConnection(req.connectionId);
      const page = domains.list(
        organizationIdOf(req),
        kindOf(req.domainType, undefined),
        req.pageSize ?? 0,
        req.pageNumber ?? 0,
      );
      return {
        domains: page.domains.map(present),
        pageSize: page.pageSize,
        pageNumber: page.pageNumber,
      };
    },
    deleteDomain(req) {
      refuseConnection(req.connectionId);
      domains.delete(organizationIdOf(req), requireField(req.id, 'id'));
      return {};
    },
  };
}
