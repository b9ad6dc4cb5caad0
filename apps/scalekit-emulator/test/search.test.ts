import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectSdkError,
  startTestEmulator,
  type TestEmulator,
  tempDataDirs,
} from './support/emulator.js';

describe('search through the SDK', () => {
  let env: TestEmulator;
  let orgId: string;
  let other: string;

  beforeAll(async () => {
    env = await startTestEmulator();
    orgId =
      (
        await env.sdk.organization.createOrganization('Wayne Enterprises', {
          externalId: 'ext-wayne',
        })
      ).organization?.id ?? '';
    other =
      (await env.sdk.organization.createOrganization('Stark Industries')).organization?.id ?? '';
    for (let i = 0; i < 35; i++) {
      await env.sdk.user.createUserAndMembership(orgId, {
        email: `Bruce.${String(i).padStart(2, '0')}@Wayne.test`,
        externalId: `crm-bat-${i}`,
        sendInvitationEmail: i % 2 === 0,
      });
    }
    await env.sdk.user.createUserAndMembership(other, {
      email: 'tony@wayne-rival.test',
      sendInvitationEmail: false,
    });
  });
  afterAll(() => env.close());

  it('finds users by a case-insensitive part of their email, id or external id', async () => {
    const byEmail = await env.sdk.user.searchUsers('BRUCE.07@wayne');
    expect(byEmail.users.map((user) => user.email)).toEqual(['bruce.07@wayne.test']);
    expect(byEmail.totalSize).toBe(1);

    const byExternalId = await env.sdk.user.searchUsers('CRM-BAT-12');
    expect(byExternalId.users.map((user) => user.externalId)).toEqual(['crm-bat-12']);

    const byId = await env.sdk.user.searchUsers('acmeadmin00');
    expect(byId.users.map((user) => user.id)).toEqual(['usr_acmeadmin0000001']);
  });

  it('finds only members of the organization, with their membership there', async () => {
    const all = await env.sdk.user.searchUsers('wayne');
    expect(all.totalSize).toBe(36);
    const members = await env.sdk.user.searchOrganizationUsers(orgId, 'wayne');
    expect(members.totalSize).toBe(35);
    expect(members.users.every((user) => user.memberships[0]?.organizationId === orgId)).toBe(true);
    const rivals = await env.sdk.user.searchOrganizationUsers(other, 'wayne');
    expect(rivals.users.map((user) => user.email)).toEqual(['tony@wayne-rival.test']);
  });

  it('finds organizations by a part of their name, id or external id', async () => {
    const byName = await env.sdk.organization.searchOrganization('WAYNE ent');
    expect(byName.organizations.map((org) => org.id)).toEqual([orgId]);
    const byExternalId = await env.sdk.organization.searchOrganization('xt-way');
    expect(byExternalId.organizations.map((org) => org.id)).toEqual([orgId]);
    const byId = await env.sdk.organization.searchOrganization('org_glob');
    expect(byId.organizations.map((org) => org.displayName)).toEqual(['Globex']);
    const none = await env.sdk.organization.searchOrganization('nothing like it');
    expect(none).toMatchObject({ organizations: [], totalSize: 0, nextPageToken: '' });
  });

  it('counts again after any change, so a repeated search totals what is there now', async () => {
    const org = (await env.sdk.organization.createOrganization('Gotham Totals')).organization?.id;
    const total = async () => ({
      members: (await env.sdk.user.searchOrganizationUsers(org ?? '', 'gotham-total')).totalSize,
      users: (await env.sdk.user.searchUsers('gotham-total')).totalSize,
      orgs: (await env.sdk.organization.searchOrganization('Gotham Totals')).totalSize,
    });
    expect(await total()).toEqual({ members: 0, users: 0, orgs: 1 });
    const { user } = await env.sdk.user.createUserAndMembership(org ?? '', {
      email: 'alfred@gotham-total.test',
      sendInvitationEmail: false,
    });
    expect(await total()).toEqual({ members: 1, users: 1, orgs: 1 });
    await env.sdk.organization.createOrganization('Gotham Totals Two');
    // The user, left without organizations, goes too.
    await env.sdk.user.deleteMembership(org ?? '', user?.id ?? '');
    expect(await total()).toEqual({ members: 0, users: 0, orgs: 2 });
  });

  it('refuses queries shorter than 3 or longer than 100 characters', async () => {
    const short = await expectSdkError(env.sdk.user.searchUsers('ab'), 400);
    expect(short.message).toContain('query');
    await expectSdkError(env.sdk.user.searchUsers('a'.repeat(101)), 400);
    await expectSdkError(env.sdk.user.searchOrganizationUsers(orgId, ' x '), 400);
    await expectSdkError(env.sdk.organization.searchOrganization('ac'), 400);
    await expectSdkError(env.sdk.organization.searchOrganization('a'.repeat(101)), 400);
  });

  it('gives 30 results per page by default and refuses pages larger than 30', async () => {
    const first = await env.sdk.user.searchOrganizationUsers(orgId, 'bruce');
    expect(first.users).toHaveLength(30);
    expect(first.nextPageToken).not.toBe('');
    const error = await expectSdkError(env.sdk.user.searchUsers('bruce', 31), 400);
    expect(error.message).toContain('page_size');
  });

  it('pages through every match exactly once, oldest first', async () => {
    const seen: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await env.sdk.user.searchOrganizationUsers(orgId, 'bruce', 8, pageToken);
      expect(page.users.length).toBeLessThanOrEqual(8);
      seen.push(...page.users.map((user) => user.email));
      pageToken = page.nextPageToken || undefined;
    } while (pageToken !== undefined);
    const expected = Array.from(
      { length: 35 },
      (_, i) => `bruce.${String(i).padStart(2, '0')}@wayne.test`,
    );
    expect(seen).toEqual(expected);
  });

  it('refuses a page token that another search or list issued', async () => {
    const page = await env.sdk.user.searchUsers('bruce', 2);
    await expectSdkError(
      env.sdk.organization.searchOrganization('wayne', 2, page.nextPageToken),
      400,
    );
    const list = await env.sdk.user.listUsers({ pageSize: 2 });
    await expectSdkError(env.sdk.user.searchUsers('bruce', 2, list.nextPageToken), 400);
  });

  it('answers not found for an unknown organization and bad request for a non-organization id', async () => {
    await expectSdkError(
      env.sdk.user.searchOrganizationUsers('org_000000000000000000', 'bruce'),
      404,
    );
    await expectSdkError(
      env.sdk.user.searchOrganizationUsers('usr_acmeadmin0000001', 'bruce'),
      400,
    );
  });

  it('answers any query of allowed length with real matches only', async () => {
    // FTS syntax, quotes and operators must be matched as plain text, never parsed.
    const alphabet = fc.constantFrom(...'aBc.@-_"*():^+ 07NEARORnot'.split(''));
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: alphabet, minLength: 3, maxLength: 100 }),
        async (query) => {
          fc.pre(query.trim() !== '');
          const call = env.sdk.user.searchUsers(query);
          if (query.trim().length < 3) {
            await expectSdkError(call, 400);
            return;
          }
          const { users } = await call;
          const needle = query.trim().toLowerCase();
          for (const user of users) {
            const fields = [user.email, user.id, user.externalId ?? ''].map((f) => f.toLowerCase());
            expect(fields.some((field) => field.includes(needle))).toBe(true);
          }
        },
      ),
      { seed: 20261130, numRuns: 60 },
    );
  });

  it('finds every user by any three or more consecutive characters of their email', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 34 }),
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 3, max: 20 }),
        async (index, start, length) => {
          const email = `bruce.${String(index).padStart(2, '0')}@wayne.test`;
          const part = email.slice(start, start + length);
          fc.pre(part.length >= 3);
          const page = await env.sdk.user.searchUsers(part.toUpperCase(), 30);
          const found = page.users.map((user) => user.email);
          expect(found.includes(email) || page.totalSize > 30).toBe(true);
        },
      ),
      { seed: 7, numRuns: 40 },
    );
  });
});

describe('search after a restart', () => {
  const dirs = tempDataDirs();
  afterAll(() => dirs.removeAll());

  it('finds users and organizations created before the restart', async () => {
    const dir = dirs.next();
    const first = await startTestEmulator({ inMemory: false, dataDir: dir });
    const org = await first.sdk.organization.createOrganization('Persisted Search Co');
    await first.sdk.user.createUserAndMembership(org.organization?.id ?? '', {
      email: 'kept.searchable@persist.test',
      sendInvitationEmail: false,
    });
    await first.close();

    const second = await startTestEmulator({ inMemory: false, dataDir: dir });
    try {
      const users = await second.sdk.user.searchUsers('SEARCHABLE@');
      expect(users.users.map((user) => user.email)).toEqual(['kept.searchable@persist.test']);
      const orgs = await second.sdk.organization.searchOrganization('persisted search');
      expect(orgs.organizations.map((o) => o.displayName)).toEqual(['Persisted Search Co']);
    } finally {
      await second.close();
    }
  });
});
