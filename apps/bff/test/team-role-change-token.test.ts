// A role change made by an admin on the Team page reaches the member's session at the member's
// next access token (a refresh, not a new sign-in): promotion grants admin powers, demotion
// takes them away. Access tokens live 4 s, so the BFF refreshes them 2 s before expiry.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, type MemberResponse, type SessionResponse } from '@app/contracts';
import type { Browser } from './support/browser.js';
import { startStack, type Stack } from './support/harness.js';
import { ACME_ADMIN, ACME_MEMBER, invite, parse, sendJson, uniqueEmail } from './team-fixtures.js';

const MEMBER_ID = 'usr_acmemember000001';
const ACCESS_TTL_SECONDS = 4;

let stack: Stack;
let admin: Browser;

beforeAll(async () => {
  stack = await startStack({ emulatorSettings: { accessTokenTtlSeconds: ACCESS_TTL_SECONDS } });
  admin = await stack.signIn(ACME_ADMIN);
});

afterAll(async () => {
  await stack?.stop();
});

function sessionIdOf(browser: Browser): string {
  return decodeURIComponent(browser.cookies.get('sid') ?? '').split('.')[0] ?? '';
}

async function sessionOf(browser: Browser): Promise<SessionResponse> {
  const response = await browser.get(routes.session);
  if (response.status !== 200)
    throw new Error(`session answered ${response.status}: ${response.body}`);
  return parse<SessionResponse>(response);
}

async function changeRole(role: string): Promise<void> {
  const response = await sendJson(admin, 'PATCH', routes.member(MEMBER_ID), { role });
  expect(response.status).toBe(200);
  expect(parse<MemberResponse>(response).member.roles).toEqual([role]);
}

/** Waits until the member's access token is within the BFF's refresh leeway. */
async function untilRefreshIsDue(): Promise<void> {
  await sleep((ACCESS_TTL_SECONDS / 2) * 1000 + 600);
}

describe("a role change and the member's next token", () => {
  it('shows the new role in the member session once the access token refreshed, without a new sign-in', async () => {
    const member = await stack.signIn(ACME_MEMBER);
    expect(await sessionOf(member)).toMatchObject({ roles: ['member'], isAdmin: false });
    const signedInAs = sessionIdOf(member);
    const seenBefore = member.responses.length;

    await changeRole('admin');
    await untilRefreshIsDue();
    const after = await sessionOf(member);

    expect(after).toMatchObject({ roles: ['admin'], isAdmin: true });
    expect(after.user.email).toBe(ACME_MEMBER);
    // The session was carried by a refresh grant of the same sign-in, not a new login.
    expect(stack.bff.refreshGrants).toContain(signedInAs);
    const since = member.responses.slice(seenBefore).map((response) => response.url);
    expect(
      since.filter((url) => url.startsWith('/auth/') || url.startsWith(routes.callback)),
    ).toEqual([]);
    // The new role is in force, not just displayed: the promoted member may invite.
    expect((await invite(member, uniqueEmail('promoted'))).status).toBe(201);
  });

  it('takes admin powers away at the next token after a demotion', async () => {
    const member = await stack.signIn(ACME_MEMBER);
    expect(await sessionOf(member)).toMatchObject({ roles: ['admin'], isAdmin: true });

    await changeRole('member');
    await untilRefreshIsDue();

    expect(await sessionOf(member)).toMatchObject({ roles: ['member'], isAdmin: false });
    expect((await invite(member, uniqueEmail('demoted'))).status).toBe(403);
  });
});
