// Admin portal links through the SDK: generatePortalLink, and the raw GetPortalLinks,
// DeletePortalLink and DeletePortalLinkByID over the SDK's own transport; the link opens once,
// within a minute, as a page that says what it is.
import { Code } from '@connectrpc/connect';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import {
  Feature,
  OrganizationService,
} from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/organizations/organizations_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, tempDataDirs, type TestEmulator } from './support/emulator.js';
import { expectGrpcError } from './support/grpc-errors.js';
import { sdkRpc, type SdkRpc } from './support/sdk-rpc.js';

async function open(location: string, cookie?: string) {
  const response = await fetch(location, { headers: cookie ? { cookie } : {} });
  return {
    status: response.status,
    cookie: response.headers.get('set-cookie')?.split(';')[0],
    body: await response.text(),
  };
}

describe('admin portal links', () => {
  let env: TestEmulator;
  let rpc: SdkRpc<typeof OrganizationService>;
  beforeAll(async () => {
    env = await startTestEmulator();
    rpc = sdkRpc(env.emulator, OrganizationService);
  });
  afterAll(() => env.close());

  const linksOf = async (id: string) =>
    (await rpc.exec(rpc.client.getPortalLinks, { id })).links.map((link) => link.id);

  it('generates a one-minute link on the emulator that opens once as a page naming the organization', async () => {
    const before = env.clock.now().getTime();
    const link = await env.sdk.organization.generatePortalLink('org_acme');
    const after = env.clock.now().getTime();
    expect(link.id).toMatch(/^lnk_\d{18}$/);
    expect(link.location).toBe(`${env.emulator.url}/portal/${link.id}`);
    if (link.expireTime === undefined) throw new Error('the link has no expiry');
    const expiry = timestampDate(link.expireTime).getTime();
    expect(expiry).toBeGreaterThanOrEqual(before + 60_000);
    expect(expiry).toBeLessThanOrEqual(after + 60_000);

    const first = await open(link.location);
    expect(first.status).toBe(200);
    expect(first.body).toContain('Admin portal for Acme');
    expect(first.body).toContain('does not emulate SSO or SCIM');
    // Spent: another browser gets nothing, the one that opened it keeps its portal session.
    expect((await open(link.location)).status).toBe(410);
    expect((await open(link.location, first.cookie)).status).toBe(200);
    env.clock.advance(6 * 3600_000 + 1000);
    expect((await open(link.location, first.cookie)).status).toBe(410);
  });

  it('lets an unopened link expire after a minute', async () => {
    const link = await env.sdk.organization.generatePortalLink('org_globex');
    expect(await linksOf('org_globex')).toContain(link.id);
    env.clock.advance(61_000);
    expect(await linksOf('org_globex')).not.toContain(link.id);
    const page = await open(link.location);
    expect(page.status).toBe(410);
    expect(page.body).toContain('This admin portal link has expired');
  });

  it('puts the features asked for in the location, the deprecated flags included', async () => {
    const { link } = await rpc.exec(rpc.client.generatePortalLink, {
      id: 'org_acme',
      features: [Feature.sso],
      directorySync: true,
    });
    expect(new URL(link?.location ?? '').searchParams.getAll('features')).toEqual([
      'sso',
      'dir_sync',
    ]);
    expect((await open(link?.location ?? '')).body).toContain('sso, dir_sync');
  });

  it('lists the live links and deletes one by id or all of an organization', async () => {
    const org = (await env.sdk.organization.createOrganization('Portal Co')).organization?.id ?? '';
    const a = await env.sdk.organization.generatePortalLink(org);
    const b = await env.sdk.organization.generatePortalLink(org);
    const c = await env.sdk.organization.generatePortalLink(org);
    expect(await linksOf(org)).toEqual([a.id, b.id, c.id]);

    await rpc.exec(rpc.client.deletePortalLinkByID, { id: org, linkId: b.id });
    expect(await linksOf(org)).toEqual([a.id, c.id]);
    expect((await open(b.location)).status).toBe(410);

    await rpc.exec(rpc.client.deletePortalLink, { id: org });
    expect(await linksOf(org)).toEqual([]);
    expect((await open(a.location)).status).toBe(410);
  });

  it('refuses an unknown organization or link with NotFound and creates nothing', async () => {
    await expectGrpcError(env.sdk.organization.generatePortalLink('org_missing'), Code.NotFound);
    await expectGrpcError(
      rpc.exec(rpc.client.getPortalLinks, { id: 'org_missing' }),
      Code.NotFound,
    );
    await expectGrpcError(
      rpc.exec(rpc.client.deletePortalLinkByID, { id: 'org_acme', linkId: 'lnk_1' }),
      Code.NotFound,
      /portal link lnk_1 not found/,
    );
    const count = env.emulator.context.db
      .prepare("SELECT COUNT(*) AS n FROM portal_links WHERE organization_id = 'org_missing'")
      .get() as { n: number };
    expect(count.n).toBe(0);
  });
});

describe('admin portal links in a data directory', () => {
  const dirs = tempDataDirs();
  afterAll(() => dirs.removeAll());

  it('keeps a generated link across a restart', async () => {
    const dataDir = dirs.next();
    const first = await startTestEmulator({ inMemory: false, dataDir });
    const link = await first.sdk.organization.generatePortalLink('org_acme');
    await first.close();

    const second = await startTestEmulator({ inMemory: false, dataDir });
    try {
      const rpc = sdkRpc(second.emulator, OrganizationService);
      const { links } = await rpc.exec(rpc.client.getPortalLinks, { id: 'org_acme' });
      expect(links.map((l) => l.id)).toEqual([link.id]);
      const page = await fetch(links[0]?.location ?? '');
      expect(page.status).toBe(200);
    } finally {
      await second.close();
    }
  });
});
