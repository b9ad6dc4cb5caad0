// An organization's allowed email domains at Scalekit (domain type ALLOWED_EMAIL_DOMAIN): people
// with an address on one may join from the hosted organization picker, taking a seat. Listing,
// adding (public and disposable providers refused with their own codes before Scalekit is
// asked) and removing; organization domains used for SSO routing are never touched here.
import { DomainType } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/domains/domains_pb.js';
import { ALLOWED_DOMAINS_MAX, type AllowedDomain } from '@app/contracts';
import { AppError } from '../errors/app-error.js';
import { ScalekitCallError } from '../errors/scalekit-call-error.js';
import { toIso } from '../team/member-mapping.js';
import type { ScalekitGateway } from '../team/scalekit-types.js';
import { emailProviderKind } from './email-provider-domains.js';

interface ScalekitDomain {
  id: string;
  domain: string;
  domainType: DomainType;
  createTime?: { seconds: bigint; nanos: number } | undefined;
}

function toAllowedDomain(domain: ScalekitDomain): AllowedDomain {
  return { id: domain.id, domain: domain.domain, createdAt: toIso(domain.createTime) };
}

/** The organization's allowed email domains, oldest first. */
export async function listAllowedDomains(
  gateway: ScalekitGateway,
  organizationId: string,
): Promise<AllowedDomain[]> {
  const answer = await gateway.call((client) =>
    client.domain.listDomains(organizationId, { domainType: DomainType.ALLOWED_EMAIL_DOMAIN }),
  );
  return answer.domains
    .filter((domain) => domain.domainType === DomainType.ALLOWED_EMAIL_DOMAIN)
    .map(toAllowedDomain);
}

/** Why a domain may not be allowed, as the contracts' error; undefined when it may. */
export function providerRefusal(domain: string): AppError | undefined {
  switch (emailProviderKind(domain)) {
    case 'public':
      return new AppError(
        'public_email_domain',
        `${domain} is a public email provider: anyone can have an address there, so it cannot be an allowed domain.`,
      );
    case 'disposable':
      return new AppError(
        'disposable_email_domain',
        `${domain} is a disposable email service, so it cannot be an allowed domain.`,
      );
    default:
      return undefined;
  }
}

/** Adds `domain` (already normalised by DomainNameSchema) to the organization's allowed domains. */
export async function addAllowedDomain(
  gateway: ScalekitGateway,
  organizationId: string,
  domain: string,
): Promise<AllowedDomain> {
  const refusal = providerRefusal(domain);
  if (refusal !== undefined) throw refusal;
  const current = await listAllowedDomains(gateway, organizationId);
  if (current.some((existing) => existing.domain === domain)) {
    throw new AppError('domain_already_allowed', `${domain} is already an allowed domain.`);
  }
  if (current.length >= ALLOWED_DOMAINS_MAX) {
    throw new AppError(
      'validation_failed',
      `An organization has at most ${ALLOWED_DOMAINS_MAX} allowed domains. Remove one first.`,
      { issues: [{ path: 'domain', message: 'Too many allowed domains' }] },
    );
  }
  try {
    const answer = await gateway.call((client) =>
      client.domain.createDomain(organizationId, domain, {
        domainType: DomainType.ALLOWED_EMAIL_DOMAIN,
      }),
    );
    if (answer.domain === undefined) throw new Error('Scalekit answered no domain');
    return toAllowedDomain(answer.domain);
  } catch (error) {
    // Scalekit keeps its own list of refused providers; a domain it refuses that ours let
    // through is still a domain that may not be allowed.
    if (error instanceof ScalekitCallError && error.kind === 'invalid_argument') {
      throw new AppError(
        'domain_not_allowed',
        `Scalekit does not accept ${domain} as an allowed domain.`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}

/** Removes one of the organization's allowed domains by id; answers the domain removed. */
export async function removeAllowedDomain(
  gateway: ScalekitGateway,
  organizationId: string,
  domainId: string,
): Promise<AllowedDomain> {
  const notFound = new AppError('not_found', 'No such allowed domain in your organization.');
  let found: ScalekitDomain | undefined;
  try {
    found = (await gateway.call((client) => client.domain.getDomain(organizationId, domainId)))
      .domain;
  } catch (error) {
    if (
      error instanceof ScalekitCallError &&
      ['not_found', 'invalid_argument'].includes(error.kind)
    ) {
      throw notFound;
    }
    throw error;
  }
  if (found?.domainType !== DomainType.ALLOWED_EMAIL_DOMAIN) throw notFound;
  await gateway.call((client) => client.domain.deleteDomain(organizationId, domainId));
  return toAllowedDomain(found);
}
