// Token refresh (bff-security.md line 10) and scale-out: two BFF instances share one real
// Redis; a counting proxy in front of the emulator sees every refresh grant on the wire.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScalekitClient } from '@scalekit-sdk/node';
import { SessionResponseSchema, routes } from '@app/contracts';
import type { Browser } from './support/browser.js';
import { startStack, type Stack } from './support/harness.js';

const ADMIN = 'admin+sktest@acme.test';
const MEMBER = 'member+sktest@acme.test';
const MEMBER_ID = 'usr_acmemember000001';
/** Access tokens live 4 s, so the BFF refreshes them 2 s before expiry. */
const ACCESS_TTL_SECONDS = 4;

let stack: Stack;

function sessionIdOf(browser: Browser): string {
  return decodeURIComponent(browser.cookies.get('sid') ?? '').split('.')[0] ?? '';
}

async function untilRefreshIsDue(): Promise<void> {
  await sleep((ACCESS_TTL_SECONDS / 2) * 1000 + 600);
}

beforeAll(async () => {
  stack = await startStack({
    redis: true,
    instances: 2,
    countingProxy: true,
    emulatorSettings: { accessTokenTtlSeconds: ACCESS_TTL_SECONDS },
  });
});
afterAll(async () => {
  await stack?.stop();
});

describe('two BFF instances sharing one Redis', () => {
  it('accepts on one instance a session made on the other', async () => {
    const [first, second] = stack.instances;
    const browser = await stack.signIn(ADMIN, { instance: first });
    browser.baseUrl = second?.url ?? '';
    const session = SessionResponseSchema.parse(
      JSON.parse((await browser.get(routes.session)).body),
    );
    expect(session.user.email).toBe(ADMIN);
  });

  it('refreshes an expiring token exactly once under concurrent requests on both instances', async () => {
    const browser = await stack.signIn(ADMIN);
    const before = stack.proxy?.refreshGrants() ?? 0;
    await untilRefreshIsDue();
    const requests = stack.instances.flatMap((instance) =>
      Array.from({ length: 10 }, async () => {
        const client = stack.browser(instance);
        for (const [name, value] of browser.cookies) client.cookies.set(name, value);
        return client.get(routes.session);
      }),
    );
    const answers = await Promise.all(requests);
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 20 }, () => 200));
    expect((stack.proxy?.refreshGrants() ?? 0) - before).toBe(1);
    const sent = stack.instances.flatMap((instance) =>
      instance.refreshGrants.filter((id) => id === sessionIdOf(browser)),
    );
    expect(sent).toHaveLength(1);
    // The refreshed token is good for a while: the next request sends no grant.
    expect((await browser.get(routes.session)).status).toBe(200);
    expect((stack.proxy?.refreshGrants() ?? 0) - before).toBe(1);
  });

  it('ends the session with 401 when Scalekit refuses the refresh token (invalid_grant)', async () => {
    const browser = await stack.signIn(ADMIN);
    const tokens = await stack.bff.app.sessions.store.getTokens(sessionIdOf(browser));
    // Someone uses the refresh token behind the BFF's back: rotation makes the BFF's copy stale.
    const sdk = new ScalekitClient(
      stack.emulator.url,
      stack.emulator.clientId,
      stack.emulator.clientSecret,
    );
    await sdk.refreshAccessToken(tokens?.refreshToken ?? '');
    await untilRefreshIsDue();
    const answer = await browser.get(routes.session);
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'unauthenticated' });
    expect(browser.cookies.get('sid')).toBeUndefined();
    expect(await stack.bff.app.sessions.store.load(sessionIdOf(browser))).toBeUndefined();
  });

  it('carries a role change into the session at the next token, under a new session id', async () => {
    const browser = await stack.signIn(MEMBER);
    const before = SessionResponseSchema.parse(
      JSON.parse((await browser.get(routes.session)).body),
    );
    expect(before.isAdmin).toBe(false);
    const oldId = sessionIdOf(browser);
    const sdk = new ScalekitClient(
      stack.emulator.url,
      stack.emulator.clientId,
      stack.emulator.clientSecret,
    );
    await sdk.user.updateMembership('org_acme', MEMBER_ID, { roles: ['admin'] });
    await untilRefreshIsDue();
    const after = SessionResponseSchema.parse(JSON.parse((await browser.get(routes.session)).body));
    expect(after.roles).toEqual(['admin']);
    expect(after.isAdmin).toBe(true);
    expect(sessionIdOf(browser)).not.toBe(oldId);
    // The old id is ended; for a short grace it only leads requests in flight to the new one.
    expect((await stack.bff.app.sessions.store.load(oldId))?.movedTo).toBe(sessionIdOf(browser));
    await sdk.user.updateMembership('org_acme', MEMBER_ID, { roles: ['member'] });
  });
});
