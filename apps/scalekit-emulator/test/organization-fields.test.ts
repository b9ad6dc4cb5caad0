import { RegionCode } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/commons/commons_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_WEBHOOK_SECRET } from '../src/index.js';
import {
  expectSdkError,
  startTestEmulator,
  type TestEmulator,
  tempDataDirs,
} from './support/emulator.js';
import { startTestEmulatorWithWebhooks, type WebhookReceiver } from './support/webhook-receiver.js';

describe('organization fields through the SDK', () => {
  let env: TestEmulator;
  let hooks: WebhookReceiver;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ env, hooks, close } = await startTestEmulatorWithWebhooks());
  });
  afterAll(() => close());

  async function organizationCount(): Promise<number> {
    return (await env.sdk.organization.listOrganization({ pageSize: 1 })).totalSize;
  }

  it('stores the slug and logo given at creation and returns them', async () => {
    const created = await env.sdk.organization.createOrganization('Sluggo', {
      slug: 'sluggo.app',
      logoUrl: 'https://cdn.sluggo.test/logo.png',
    });
    expect(created.organization).toMatchObject({
      slug: 'sluggo.app',
      logoUrl: 'https://cdn.sluggo.test/logo.png',
      regionCode: RegionCode.US,
    });
    const read = await env.sdk.organization.getOrganization(created.organization?.id ?? '');
    expect(read.organization?.slug).toBe('sluggo.app');
    expect(read.organization?.logoUrl).toBe('https://cdn.sluggo.test/logo.png');
  });

  it('changes and clears the slug and logo on update, by id and by external id', async () => {
    const created = await env.sdk.organization.createOrganization('Changer', {
      externalId: 'ext-changer',
      slug: 'changer',
    });
    const id = created.organization?.id ?? '';
    const updated = await env.sdk.organization.updateOrganization(id, {
      slug: 'changer-two',
      logoUrl: 'https://changer.test/l.svg',
    });
    expect(updated.organization).toMatchObject({
      slug: 'changer-two',
      logoUrl: 'https://changer.test/l.svg',
    });
    const cleared = await env.sdk.organization.updateOrganizationByExternalId('ext-changer', {
      slug: '',
      logoUrl: '',
    });
    expect(cleared.organization?.slug).toBeUndefined();
    expect(cleared.organization?.logoUrl).toBeUndefined();
    // A freed slug can be taken again.
    await env.sdk.organization.createOrganization('Changer heir', { slug: 'changer-two' });
  });

  it('refuses a malformed slug, naming the field, and creates nothing', async () => {
    const before = await organizationCount();
    for (const slug of ['Upper', '-dash', 'under_score', 'a..b', 'a'.repeat(64)]) {
      const error = await expectSdkError(
        env.sdk.organization.createOrganization('Bad slug', { slug }),
        400,
      );
      expect(error.message).toContain('slug');
    }
    expect(await organizationCount()).toBe(before);
  });

  it('refuses a slug another organization holds as a conflict', async () => {
    await env.sdk.organization.createOrganization('First holder', { slug: 'taken' });
    const error = await expectSdkError(
      env.sdk.organization.createOrganization('Second holder', { slug: 'taken' }),
      409,
    );
    expect(error.message).toContain('taken');
  });

  it('refuses a logo that is not https or longer than 1024 characters', async () => {
    const before = await organizationCount();
    const plain = await expectSdkError(
      env.sdk.organization.createOrganization('Plain logo', { logoUrl: 'http://x.test/l.png' }),
      400,
    );
    expect(plain.message).toContain('logo_url');
    await expectSdkError(
      env.sdk.organization.createOrganization('Long logo', {
        logoUrl: `https://x.test/${'a'.repeat(1020)}`,
      }),
      400,
    );
    await expectSdkError(
      env.sdk.organization.updateOrganization('org_acme', { logoUrl: 'not a url' }),
      400,
    );
    expect(await organizationCount()).toBe(before);
  });

  it('applies the metadata, name and external id limits', async () => {
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`key${i}`, 'value']));
    const tooMany = await expectSdkError(
      env.sdk.organization.updateOrganization('org_acme', { metadata: eleven }),
      400,
    );
    expect(tooMany.message).toContain('metadata');
    await expectSdkError(
      env.sdk.organization.updateOrganization('org_acme', { metadata: { ab: 'short key' } }),
      400,
    );
    await expectSdkError(env.sdk.organization.createOrganization('n'.repeat(201)), 400);
    const longId = await expectSdkError(
      env.sdk.organization.createOrganization('Long id', { externalId: 'e'.repeat(256) }),
      400,
    );
    expect(longId.message).toContain('external_id');
    const { organization } = await env.sdk.organization.getOrganization('org_acme');
    expect(organization?.metadata).toEqual({});
  });

  it('refuses a user external id longer than 255 characters', async () => {
    const error = await expectSdkError(
      env.sdk.user.createUserAndMembership('org_acme', {
        email: 'long.external@acme.test',
        externalId: 'x'.repeat(256),
      }),
      400,
    );
    expect(error.message).toContain('external_id');
    expect((await env.sdk.user.searchUsers('long.external')).totalSize).toBe(0);
  });

  it('records how a membership was provisioned', async () => {
    const invited = await env.sdk.user.createUserAndMembership('org_acme', {
      email: 'invited.method@acme.test',
    });
    expect(invited.user?.memberships[0]?.provisioningMethod).toBe('invitation');
    const direct = await env.sdk.user.createUserAndMembership('org_acme', {
      email: 'direct.method@acme.test',
      sendInvitationEmail: false,
    });
    expect(direct.user?.memberships[0]?.provisioningMethod).toBe('direct_provision');
  });

  it('announces organizations created, updated and deleted with signed webhooks', async () => {
    const created = await env.sdk.organization.createOrganization('Announced', {
      externalId: 'ext-announced',
      slug: 'announced',
    });
    const id = created.organization?.id ?? '';
    await env.sdk.organization.updateOrganization(id, { displayName: 'Announced Again' });
    await env.sdk.organization.deleteOrganization(id);

    const of = (type: string) =>
      hooks.waitFor((d) => d.event.type === type && d.event.organization_id === id);
    const createdEvent = await of('organization.created');
    expect(createdEvent.event.data).toMatchObject({
      id,
      display_name: 'Announced',
      external_id: 'ext-announced',
      slug: 'announced',
    });
    expect(
      env.sdk.verifyWebhookPayload(DEV_WEBHOOK_SECRET, createdEvent.headers, createdEvent.body),
    ).toBe(true);
    expect((await of('organization.updated')).event.data).toMatchObject({
      display_name: 'Announced Again',
    });
    expect((await of('organization.deleted')).event.data).toMatchObject({ id });
  });
});

describe('organization fields after a restart', () => {
  const dirs = tempDataDirs();
  afterAll(() => dirs.removeAll());

  it('keeps the slug, the logo and the provisioning method', async () => {
    const dir = dirs.next();
    const first = await startTestEmulator({ inMemory: false, dataDir: dir });
    const created = await first.sdk.organization.createOrganization('Kept Fields', {
      slug: 'kept-fields',
      logoUrl: 'https://kept.test/logo.png',
    });
    const id = created.organization?.id ?? '';
    const { user } = await first.sdk.user.createUserAndMembership(id, {
      email: 'kept.method@kept.test',
    });
    await first.close();

    const second = await startTestEmulator({ inMemory: false, dataDir: dir });
    try {
      const { organization } = await second.sdk.organization.getOrganization(id);
      expect(organization).toMatchObject({
        slug: 'kept-fields',
        logoUrl: 'https://kept.test/logo.png',
      });
      const read = await second.sdk.user.getUser(user?.id ?? '');
      expect(read.user?.memberships[0]?.provisioningMethod).toBe('invitation');
    } finally {
      await second.close();
    }
  });
});
