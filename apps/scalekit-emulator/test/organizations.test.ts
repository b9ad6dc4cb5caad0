import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSdkError, startTestEmulator, type TestEmulator } from './support/emulator.js';

describe('organizations through the SDK', () => {
  let env: TestEmulator;
  beforeAll(async () => {
    env = await startTestEmulator();
  });
  afterAll(() => env.close());

  it('reads a seeded organization by id', async () => {
    const { organization } = await env.sdk.organization.getOrganization('org_acme');
    expect(organization?.id).toBe('org_acme');
    expect(organization?.displayName).toBe('Acme');
  });

  it('creates an organization and reads it back by id and by external id', async () => {
    const created = await env.sdk.organization.createOrganization('Initech', {
      externalId: 'ext-initech',
    });
    const id = created.organization?.id ?? '';
    expect(id).toMatch(/^org_\d{18}$/);
    expect(created.organization?.createTime).toBeDefined();
    const byExternal = await env.sdk.organization.getOrganizationByExternalId('ext-initech');
    expect(byExternal.organization?.id).toBe(id);
  });

  it('refuses a second organization with the same external id as a conflict', async () => {
    await env.sdk.organization.createOrganization('Hooli', { externalId: 'ext-hooli' });
    const error = await expectSdkError(
      env.sdk.organization.createOrganization('Hooli again', { externalId: 'ext-hooli' }),
      409,
    );
    expect(error.message).toContain('ext-hooli');
  });

  it('refuses an organization without a name as a bad request', async () => {
    await expectSdkError(env.sdk.organization.createOrganization('  '), 400);
  });

  it('updates the name and metadata of an organization', async () => {
    const created = await env.sdk.organization.createOrganization('Umbrella');
    const id = created.organization?.id ?? '';
    const updated = await env.sdk.organization.updateOrganization(id, {
      displayName: 'Umbrella Corp',
      metadata: { tier: 'gold' },
    });
    expect(updated.organization?.displayName).toBe('Umbrella Corp');
    expect(updated.organization?.metadata).toEqual({ tier: 'gold' });
    const read = await env.sdk.organization.getOrganization(id);
    expect(read.organization?.displayName).toBe('Umbrella Corp');
  });

  it('lists organizations page by page in a stable order without repeats', async () => {
    for (let i = 0; i < 5; i++) await env.sdk.organization.createOrganization(`Paged ${i}`);
    const seen: string[] = [];
    let pageToken: string | undefined;
    let total = 0;
    do {
      const page = await env.sdk.organization.listOrganization({ pageSize: 2, pageToken });
      expect(page.organizations.length).toBeLessThanOrEqual(2);
      seen.push(...page.organizations.map((org) => org.id));
      total = page.totalSize;
      pageToken = page.nextPageToken || undefined;
    } while (pageToken !== undefined);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen.slice(0, 2)).toEqual(['org_acme', 'org_globex']);
  });

  it('refuses a page token that was not issued for the list', async () => {
    await expectSdkError(
      env.sdk.organization.listOrganization({ pageSize: 2, pageToken: 'bogus' }),
      400,
    );
  });

  it('deletes an organization, after which reading it is not found', async () => {
    const created = await env.sdk.organization.createOrganization('Doomed');
    const id = created.organization?.id ?? '';
    const member = await env.sdk.user.createUserAndMembership(id, {
      email: 'only+sktest@doomed.test',
      sendInvitationEmail: false,
    });
    await env.sdk.organization.deleteOrganization(id);
    await expectSdkError(env.sdk.organization.getOrganization(id), 404);
    // The member belonged to no other organization, so the user went with it.
    await expectSdkError(env.sdk.user.getUser(member.user?.id ?? ''), 404);
  });

  it('answers not found for an unknown organization', async () => {
    const error = await expectSdkError(
      env.sdk.organization.getOrganization('org_000000000000000000'),
      404,
    );
    expect(error.message).toContain('org_000000000000000000');
  });
});
