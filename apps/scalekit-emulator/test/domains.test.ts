import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DomainType,
  VerificationMethod,
  VerificationStatus,
} from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/domains/domains_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSeed } from '../src/index.js';
import { expectSdkError, startTestEmulator, type TestEmulator } from './support/emulator.js';
import { startReceiver, type Receiver } from './support/receiver.js';

describe('organization domains through the SDK', () => {
  let env: TestEmulator;
  let hooks: Receiver;

  beforeAll(async () => {
    hooks = await startReceiver();
    env = await startTestEmulator({
      seed: buildSeed({ appOrigin: 'http://localhost:3000', webhookUrl: `${hooks.url}/hooks` }),
      settings: { deliveryRetryBaseMs: 50 },
    });
  });
  afterAll(async () => {
    await env.close();
    await hooks.close();
  });

  async function newOrg(name: string): Promise<string> {
    return (await env.sdk.organization.createOrganization(name)).organization?.id ?? '';
  }

  it('adds an organization domain admin-verified and an allowed email domain auto-verified', async () => {
    const orgId = await newOrg('Domains Inc');
    const sso = await env.sdk.domain.createDomain(orgId, 'Domains-Inc.test', {
      domainType: 'ORGANIZATION_DOMAIN',
    });
    expect(sso.domain).toMatchObject({
      domain: 'domains-inc.test',
      organizationId: orgId,
      environmentId: 'env_local',
      domainType: DomainType.ORGANIZATION_DOMAIN,
      verificationStatus: VerificationStatus.VERIFIED,
      verificationMethod: VerificationMethod.ADMIN,
    });
    expect(sso.domain?.id).toMatch(/^dom_\d+$/);

    const allowed = await env.sdk.domain.createDomain(orgId, 'mail.domains-inc.test', {
      domainType: 'ALLOWED_EMAIL_DOMAIN',
    });
    expect(allowed.domain).toMatchObject({
      domainType: DomainType.ALLOWED_EMAIL_DOMAIN,
      verificationStatus: VerificationStatus.AUTO_VERIFIED,
      verificationMethod: VerificationMethod.NOT_APPLICABLE,
    });

    const untyped = await env.sdk.domain.createDomain(orgId, 'other-domains.test');
    expect(untyped.domain?.domainType).toBe(DomainType.ORGANIZATION_DOMAIN);
  });

  it('gets, lists by type and deletes domains', async () => {
    const orgId = await newOrg('Listing Domains');
    const a = await env.sdk.domain.createDomain(orgId, 'a-list.test', {
      domainType: 'ORGANIZATION_DOMAIN',
    });
    const b = await env.sdk.domain.createDomain(orgId, 'b-list.test', {
      domainType: 'ALLOWED_EMAIL_DOMAIN',
    });
    const aId = a.domain?.id ?? '';

    expect((await env.sdk.domain.getDomain(orgId, aId)).domain?.domain).toBe('a-list.test');
    const all = await env.sdk.domain.listDomains(orgId);
    expect(all.domains.map((d) => d.domain)).toEqual(['a-list.test', 'b-list.test']);
    expect(all.pageSize).toBe(30);
    const allowedOnly = await env.sdk.domain.listDomains(orgId, {
      domainType: 'ALLOWED_EMAIL_DOMAIN',
    });
    expect(allowedOnly.domains.map((d) => d.id)).toEqual([b.domain?.id]);

    await env.sdk.domain.deleteDomain(orgId, aId);
    await expectSdkError(env.sdk.domain.getDomain(orgId, aId), 404);
    expect((await env.sdk.domain.listDomains(orgId)).domains).toHaveLength(1);
    await expectSdkError(env.sdk.domain.deleteDomain(orgId, aId), 404);
  });

  it('refuses bad names, public providers, disposable domains and duplicates, adding nothing', async () => {
    const orgId = await newOrg('Refusals');
    const other = await newOrg('Claimant');
    await env.sdk.domain.createDomain(other, 'claimed.test', { domainType: 'ORGANIZATION_DOMAIN' });
    await env.sdk.domain.createDomain(orgId, 'mine.test');

    for (const name of ['not a domain', 'nodot', '-bad.test', 'x.123', '']) {
      await expectSdkError(env.sdk.domain.createDomain(orgId, name), 400);
    }
    const publicProvider = await expectSdkError(
      env.sdk.domain.createDomain(orgId, 'gmail.com', { domainType: 'ALLOWED_EMAIL_DOMAIN' }),
      400,
    );
    expect(publicProvider.message).toContain('public email provider');
    const disposable = await expectSdkError(
      env.sdk.domain.createDomain(orgId, 'mailinator.com'),
      400,
    );
    expect(disposable.message).toContain('disposable');
    await expectSdkError(env.sdk.domain.createDomain(orgId, 'MINE.test'), 400);
    await expectSdkError(
      env.sdk.domain.createDomain(orgId, 'claimed.test', { domainType: 'ORGANIZATION_DOMAIN' }),
      400,
    );

    expect((await env.sdk.domain.listDomains(orgId)).domains.map((d) => d.domain)).toEqual([
      'mine.test',
    ]);
  });

  it('answers NotFound for an unknown organization or a domain of another organization', async () => {
    await expectSdkError(env.sdk.domain.createDomain('org_missing', 'missing.test'), 404);
    const owner = await newOrg('Owner');
    const stranger = await newOrg('Stranger');
    const created = await env.sdk.domain.createDomain(owner, 'owned.test');
    await expectSdkError(env.sdk.domain.getDomain(stranger, created.domain?.id ?? ''), 404);
  });

  it('announces created and deleted domains by webhook', async () => {
    const orgId = await newOrg('Announced');
    const created = await env.sdk.domain.createDomain(orgId, 'announced.test', {
      domainType: 'ALLOWED_EMAIL_DOMAIN',
    });
    const id = created.domain?.id ?? '';
    await env.sdk.domain.deleteDomain(orgId, id);

    const createdEvent = await hooks.waitFor(
      (r) => r.json.type === 'organization.domain_created' && r.body.includes(id),
    );
    expect(createdEvent.json).toMatchObject({
      organization_id: orgId,
      object: 'Organization',
      data: {
        id,
        domain: 'announced.test',
        domain_type: 'ALLOWED_EMAIL_DOMAIN',
        verification_status: 'AUTO_VERIFIED',
        verification_method: 'NOT_APPLICABLE',
        environment_id: 'env_local',
      },
    });
    await hooks.waitFor(
      (r) => r.json.type === 'organization.domain_deleted' && r.body.includes(id),
    );
  });
});

describe('domains in a data directory', () => {
  it('keeps domains across a restart and writes the seed domains once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scalekit-emulator-'));
    try {
      const first = await startTestEmulator({ inMemory: false, dataDir: dir });
      const seeded = await first.sdk.domain.listDomains('org_acme');
      expect(seeded.domains.map((d) => [d.domain, d.domainType])).toEqual([
        ['acme.test', DomainType.ALLOWED_EMAIL_DOMAIN],
      ]);
      const added = await first.sdk.domain.createDomain('org_globex', 'globex.test');
      await first.sdk.domain.deleteDomain('org_acme', seeded.domains[0]?.id ?? '');
      await first.close();

      const second = await startTestEmulator({ inMemory: false, dataDir: dir });
      try {
        const kept = await second.sdk.domain.getDomain('org_globex', added.domain?.id ?? '');
        expect(kept.domain?.domain).toBe('globex.test');
        expect((await second.sdk.domain.listDomains('org_acme')).domains).toEqual([]);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
