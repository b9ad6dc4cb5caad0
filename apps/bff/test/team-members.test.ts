// Managing members: listing with filters and paging, resend, revoke, remove, role changes,
// the last-admin and self-removal rules, and organization isolation.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractLink, invitationTo } from '@app/scalekit-emulator/testing';
import {
  routes,
  type ErrorBody,
  type ListMembersResponse,
  type MemberResponse,
  type RemoveMemberResponse,
  type SessionResponse,
} from '@app/contracts';
import type { Browser } from './support/browser.js';
import { startStack, type Stack } from './support/harness.js';
import {
  ACME_ADMIN,
  ACME_MEMBER,
  GLOBEX_ADMIN,
  allMembers,
  invited,
  memberByEmail,
  parse,
  sendJson,
  uniqueEmail,
} from './team-fixtures.js';

let stack: Stack;
let admin: Browser;
let member: Browser;

beforeAll(async () => {
  stack = await startStack();
  admin = await stack.signIn(ACME_ADMIN);
  member = await stack.signIn(ACME_MEMBER);
});

afterAll(async () => {
  await stack?.stop();
});

function invitationCount(email: string): number {
  return stack.mailbox.messages.filter(invitationTo(email)).length;
}

async function waitForInvitations(email: string, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (invitationCount(email) < count) {
    if (Date.now() > deadline) throw new Error(`fewer than ${count} invitations to ${email}`);
    await sleep(50);
  }
}

const remove = (browser: Browser, userId: string) =>
  browser.request(routes.member(userId), { method: 'DELETE', csrf: true });
const changeRole = (browser: Browser, userId: string, role: string) =>
  sendJson(browser, 'PATCH', routes.member(userId), { role });
const resend = (browser: Browser, userId: string) => browser.post(routes.resendInvite(userId));

describe('GET /api/team/members', () => {
  it('lists the seeded members with their status and roles to any signed-in member', async () => {
    const members = await allMembers(member);
    expect(members.find((m) => m.email === ACME_ADMIN)).toMatchObject({
      status: 'active',
      roles: ['admin'],
    });
    expect(members.find((m) => m.email === ACME_MEMBER)).toMatchObject({
      status: 'active',
      roles: ['member'],
    });
    expect(members.some((m) => m.email === GLOBEX_ADMIN)).toBe(false);
  });

  it('filters by status and search text and pages through the matches without repeats', async () => {
    const emails = [1, 2, 3, 4, 5].map(() => uniqueEmail('pager'));
    for (const email of emails) await invited(admin, email);

    const seen: string[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const query = new URLSearchParams({ search: 'PAGER-', status: 'pending', pageSize: '2' });
      if (token !== null) query.set('pageToken', token);
      const response = await admin.get(`${routes.members}?${query.toString()}`);
      expect(response.status).toBe(200);
      const page = parse<ListMembersResponse>(response);
      expect(page.members.length).toBeLessThanOrEqual(2);
      seen.push(...page.members.map((m) => m.email));
      token = page.nextPageToken;
      pages += 1;
    } while (token !== null);

    expect(seen.sort()).toEqual([...emails].sort());
    expect(pages).toBe(3);
    const active = await allMembers(admin, 'status=active&search=pager-');
    expect(active).toEqual([]);
  });

  it('refuses a page token it did not issue with 422', async () => {
    const response = await admin.get(`${routes.members}?pageToken=bm9wZQ`);
    expect(response.status).toBe(422);
    expect(parse<ErrorBody>(response).code).toBe('validation_failed');
  });

  it('answers 401 without a session', async () => {
    expect((await stack.browser().get(routes.members)).status).toBe(401);
  });
});

describe('resending an invitation', () => {
  it('sends a new email for a pending invitation', async () => {
    const email = uniqueEmail('resend');
    const pending = await invited(admin, email);
    await waitForInvitations(email, 1);

    const response = await resend(admin, pending.userId);

    expect(response.status).toBe(200);
    expect(parse<MemberResponse>(response).member).toMatchObject({ email, status: 'pending' });
    await waitForInvitations(email, 2);
  });

  it('refuses to resend to an active member with 409 not_pending', async () => {
    const active = await memberByEmail(admin, ACME_MEMBER);
    const response = await resend(admin, active?.userId ?? '');
    expect(response.status).toBe(409);
    expect(parse<ErrorBody>(response).code).toBe('not_pending');
  });
});

describe('revoking and removing', () => {
  it('revokes a pending invitation, after which its link no longer activates anything', async () => {
    const email = uniqueEmail('revoked');
    const pending = await invited(admin, email);
    const mail = await stack.mailbox.waitFor(invitationTo(email), 10_000);
    const link = extractLink(mail, '/invite/accept');

    const response = await remove(admin, pending.userId);

    expect(response.status).toBe(200);
    expect(parse<RemoveMemberResponse>(response)).toEqual({
      userId: pending.userId,
      outcome: 'revoked',
    });
    const followed = await fetch(link, { redirect: 'manual' });
    expect(followed.status).toBeGreaterThanOrEqual(400);
    expect(followed.headers.get('location')).toBeNull();
    expect(await memberByEmail(admin, email)).toBeUndefined();
  });

  it('removes an active member who had accepted the invitation', async () => {
    const email = uniqueEmail('leaver+sktest');
    await invited(admin, email);
    await stack.signIn(email);
    const joined = await memberByEmail(admin, email);
    expect(joined?.status).toBe('active');

    const response = await remove(admin, joined?.userId ?? '');

    expect(response.status).toBe(200);
    expect(parse<RemoveMemberResponse>(response).outcome).toBe('removed');
    expect(await memberByEmail(admin, email)).toBeUndefined();
  });

  it('refuses an admin removing themself with 409 cannot_remove_self', async () => {
    const self = await memberByEmail(admin, ACME_ADMIN);
    const response = await remove(admin, self?.userId ?? '');
    expect(response.status).toBe(409);
    expect(parse<ErrorBody>(response).code).toBe('cannot_remove_self');
  });

  it('answers 404 for a user id that is not in the organization', async () => {
    const response = await remove(admin, 'usr_doesnotexist0001');
    expect(response.status).toBe(404);
    expect(parse<ErrorBody>(response).code).toBe('not_found');
  });
});

describe('changing roles', () => {
  it('refuses to demote the last admin with 409 last_admin', async () => {
    const globexAdmin = await stack.signIn(GLOBEX_ADMIN);
    const self = await memberByEmail(globexAdmin, GLOBEX_ADMIN);

    const response = await changeRole(globexAdmin, self?.userId ?? '', 'member');

    expect(response.status).toBe(409);
    expect(parse<ErrorBody>(response).code).toBe('last_admin');
    expect((await memberByEmail(globexAdmin, GLOBEX_ADMIN))?.roles).toEqual(['admin']);
  });

  it('applies a new role at the member next sign-in, and allows demoting an admin who is not the last', async () => {
    const email = uniqueEmail('promoted+sktest');
    await invited(admin, email);
    const before = await stack.signIn(email);
    expect(parse<SessionResponse>(await before.get(routes.session)).roles).toEqual(['member']);
    const target = await memberByEmail(admin, email);

    const promoted = await changeRole(admin, target?.userId ?? '', 'admin');

    expect(promoted.status).toBe(200);
    expect(parse<MemberResponse>(promoted).member.roles).toEqual(['admin']);
    const after = await stack.signIn(email);
    const session = parse<SessionResponse>(await after.get(routes.session));
    expect(session.roles).toEqual(['admin']);
    expect(session.isAdmin).toBe(true);

    const demoted = await changeRole(admin, target?.userId ?? '', 'member');
    expect(demoted.status).toBe(200);
    expect(parse<MemberResponse>(demoted).member.roles).toEqual(['member']);
  });

  it('refuses an unknown role with 422', async () => {
    const target = await memberByEmail(admin, ACME_MEMBER);
    const response = await changeRole(admin, target?.userId ?? '', 'owner');
    expect(response.status).toBe(422);
  });
});

describe('authorization', () => {
  it('refuses every write from a member who is not an admin with 403', async () => {
    const target = await memberByEmail(admin, ACME_ADMIN);
    const userId = target?.userId ?? '';

    const answers = await Promise.all([
      changeRole(member, userId, 'member'),
      remove(member, userId),
      resend(member, userId),
    ]);

    expect(answers.map((answer) => answer.status)).toEqual([403, 403, 403]);
    expect((await memberByEmail(admin, ACME_ADMIN))?.roles).toEqual(['admin']);
  });

  it('lets an admin of another organization touch nothing here', async () => {
    const globexAdmin = await stack.signIn(GLOBEX_ADMIN);
    const pending = await invited(admin, uniqueEmail('isolated'));
    const acmeMember = await memberByEmail(admin, ACME_MEMBER);
    const globexBefore = (await allMembers(globexAdmin)).map((m) => m.email).sort();

    const answers = await Promise.all([
      changeRole(globexAdmin, acmeMember?.userId ?? '', 'admin'),
      remove(globexAdmin, acmeMember?.userId ?? ''),
      resend(globexAdmin, pending.userId),
      remove(globexAdmin, pending.userId),
    ]);

    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 404]);
    const globexAfter = (await allMembers(globexAdmin)).map((m) => m.email).sort();
    expect(globexAfter).toEqual(globexBefore);
    expect(globexAfter).toContain(GLOBEX_ADMIN);
    expect(globexAfter).not.toContain(ACME_MEMBER);
    expect(globexAfter).not.toContain(pending.email);
    expect((await memberByEmail(admin, ACME_MEMBER))?.roles).toEqual(['member']);
    expect((await memberByEmail(admin, pending.email))?.status).toBe('pending');
  });
});
