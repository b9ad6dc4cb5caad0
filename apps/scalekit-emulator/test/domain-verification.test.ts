// DomainService's remaining RPCs over the SDK's own transport: UpdateDomain, VerifyDomain (DNS
// verification of domains the seed adds as the admin portal does, the TXT record counting as
// published when the seed says so) and ListAuthorizedDomains.
import { Code } from '@connectrpc/connect';
import {
  DomainService,
  VerificationMethod,
  VerificationStatus,
} from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/domains/domains_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSeed, type Seed } from '../src/index.js';
import { startTestEmulator, tempDataDirs, type TestEmulator } from './support/emulator.js';
import { expectGrpcError } from './support/grpc-errors.js';
import { sdkRpc, type SdkRpc } from './support/sdk-rpc.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

/** The dev seed with Globex's two domains added through the "admin portal": DNS-verified. */
function seedWithDnsDomains(webhookUrl: string | null): Seed {
  const seed = buildSeed({ appOrigin: 'http://localhost:3000', webhookUrl });
  return {
    ...seed,
    organizations: seed.organizations.map((org) =>
      org.id === 'org_globex'
        ? {
            ...org,
            externalId: 'crm-globex',
            domains: [
              { domain: 'globex.test', type: 'ORGANIZATION_DOMAIN', dnsVerification: 'published' },
              { domain: 'globex-eu.test', type: 'ORGANIZATION_DOMAIN', dnsVerification: 'pending' },
            ],
          }
        : org,
    ),
  };
}

describe('domain DNS verification', () => {
  let env: TestEmulator;
  let hooks: WebhookReceiver;
  let rpc: SdkRpc<typeof DomainService>;
  beforeAll(async () => {
    hooks = await startWebhookReceiver();
    env = await startTestEmulator({
      seed: seedWithDnsDomains(hooks.url),
      settings: { deliveryRetryBaseMs: 50 },
    });
    rpc = sdkRpc(env.emulator, DomainService);
  });
  afterAll(async () => {
    await env.close();
    await hooks.close();
  });

  const domainNamed = async (name: string) => {
    const { domains } = await env.sdk.domain.listDomains('org_globex');
    const domain = domains.find((d) => d.domain === name);
    if (domain === undefined) throw new Error(`no domain ${name}`);
    return domain;
  };

  it('starts a portal-added domain PENDING by DNS, with the TXT record to publish', async () => {
    const domain = await domainNamed('globex.test');
    expect(domain).toMatchObject({
      verificationStatus: VerificationStatus.PENDING,
      verificationMethod: VerificationMethod.DNS,
      txtRecordKey: '_scalekit-verification.globex.test',
    });
    expect(domain.txtRecordSecret).toMatch(/^scalekit-verification=[0-9a-f]{32}$/);
  });

  it('verifies a domain whose TXT record is published, once, and announces it', async () => {
    const domain = await domainNamed('globex.test');
    const verify = () =>
      rpc.exec(rpc.client.verifyDomain, {
        identities: { case: 'organizationId', value: 'org_globex' },
        id: domain.id,
      });
    expect((await verify()).verified).toBe(true);
    const { domain: after } = await env.sdk.domain.getDomain('org_globex', domain.id);
    expect(after).toMatchObject({
      verificationStatus: VerificationStatus.VERIFIED,
      verificationMethod: VerificationMethod.DNS,
    });
    const event = await hooks.waitFor(
      (d) => d.event.type === 'organization.domain_dns_verification_success',
    );
    expect(event.event.data).toMatchObject({
      id: domain.id,
      domain: 'globex.test',
      verification_status: 'VERIFIED',
      verification_method: 'DNS',
    });
    // Verified stays verified, without a second announcement.
    expect((await verify()).verified).toBe(true);
    await env.emulator.auth.idle();
    expect(
      hooks.deliveries.filter(
        (d) => d.event.type === 'organization.domain_dns_verification_success',
      ),
    ).toHaveLength(1);
  });

  it('answers false and keeps the domain PENDING while its TXT record is not published', async () => {
    const domain = await domainNamed('globex-eu.test');
    const { verified } = await rpc.exec(rpc.client.verifyDomain, {
      identities: { case: 'externalId', value: 'crm-globex' },
      id: domain.id,
    });
    expect(verified).toBe(false);
    expect((await domainNamed('globex-eu.test')).verificationStatus).toBe(
      VerificationStatus.PENDING,
    );
  });

  it('answers true at once for admin-verified and auto-verified domains', async () => {
    const org = (await env.sdk.organization.createOrganization('Verified Co')).organization?.id;
    const added = [
      ['verified-org.test', 'ORGANIZATION_DOMAIN'],
      ['verified-mail.test', 'ALLOWED_EMAIL_DOMAIN'],
    ] as const;
    for (const [name, type] of added) {
      const { domain } = await env.sdk.domain.createDomain(org ?? '', name, { domainType: type });
      const { verified } = await rpc.exec(rpc.client.verifyDomain, {
        identities: { case: 'organizationId', value: org ?? '' },
        id: domain?.id ?? '',
      });
      expect(verified).toBe(true);
    }
  });

  it('updates a domain without changing it, and refuses an SSO connection or an unknown domain', async () => {
    const domain = await domainNamed('globex-eu.test');
    const { domain: updated } = await rpc.exec(rpc.client.updateDomain, {
      identities: { case: 'organizationId', value: 'org_globex' },
      id: domain.id,
      domain: {},
    });
    expect(updated).toMatchObject({ id: domain.id, domain: 'globex-eu.test' });
    await expectGrpcError(
      rpc.exec(rpc.client.updateDomain, {
        identities: { case: 'organizationId', value: 'org_globex' },
        id: domain.id,
        connectionId: 'conn_1',
      }),
      Code.InvalidArgument,
      /SSO connections are not emulated/,
    );
    await expectGrpcError(
      rpc.exec(rpc.client.verifyDomain, {
        identities: { case: 'organizationId', value: 'org_acme' },
        id: domain.id,
      }),
      Code.NotFound,
    );
  });

  it('lists the host names an application origin is authorized for', async () => {
    const list = async (origin: string) =>
      (await rpc.exec(rpc.client.listAuthorizedDomains, { origin })).domains;
    expect(await list('http://localhost:3000')).toEqual(['localhost']);
    expect(await list('localhost:3000')).toEqual(['localhost']);
    expect(await list('https://elsewhere.test')).toEqual([]);
    await expectGrpcError(list('javascript:alert(1)'), Code.InvalidArgument);
  });
});

describe('domain verification in a data directory', () => {
  const dirs = tempDataDirs();
  afterAll(() => dirs.removeAll());

  it('keeps a verification across a restart', async () => {
    const dataDir = dirs.next();
    const first = await startTestEmulator({
      seed: seedWithDnsDomains(null),
      inMemory: false,
      dataDir,
    });
    const rpc = sdkRpc(first.emulator, DomainService);
    const { domains } = await first.sdk.domain.listDomains('org_globex');
    const id = domains.find((d) => d.domain === 'globex.test')?.id ?? '';
    await rpc.exec(rpc.client.verifyDomain, {
      identities: { case: 'organizationId', value: 'org_globex' },
      id,
    });
    await first.close();

    const second = await startTestEmulator({
      seed: seedWithDnsDomains(null),
      inMemory: false,
      dataDir,
    });
    try {
      const { domain } = await second.sdk.domain.getDomain('org_globex', id);
      expect(domain?.verificationStatus).toBe(VerificationStatus.VERIFIED);
    } finally {
      await second.close();
    }
  });
});
