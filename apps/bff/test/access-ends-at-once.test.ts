// bff-security.md line 19, access ends at once: two BFF instances share one real Redis. An
// admin's removal or role change on one instance (or a change made at Scalekit and announced by
// webhook) reaches the user's very next request on the other instance, before any token
// refresh could have brought it.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScalekitClient } from '@scalekit-sdk/node';
import { extractLink, invitationTo } from '@app/scalekit-emulator/testing';
import { SessionResponseSchema, routes, type ErrorBody } from '@app/contracts';
import type { Browser, RecordedResponse } from './support/browser.js';
import { endMemberAccess } from '../src/team/member-access.js';
import { startStack, type BffInstance, type Stack } from './support/harness.js';
import { ACME_ADMIN, invite, invited, parse, sendJson, uniqueEmail } from './team-fixtures.js';

let stack: Stack;
let sdk: ScalekitClient;
let first: BffInstance;
let second: BffInstance;
let admin: Browser;

/**
 * Two instances on one Redis. `webhooks: false` keeps Scalekit's own announcement of a change
 * away, so what is seen comes from the admin's request alone.
 */
function useStack(webhooks: boolean): void {
  beforeAll(async () => {
    stack = await startStack({ redis: true, instances: 2, webhooks });
    [first, second] = stack.instances as [BffInstance, BffInstance];
    sdk = new ScalekitClient(
      stack.emulator.url,
      stack.emulator.clientId,
      stack.emulator.clientSecret,
    );
    admin = await stack.signIn(ACME_ADMIN, { instance: first });
  });
  afterAll(async () => {
    await stack.stop();
  });
}

/** A new active Acme member with `role`, signed in on the second instance. */
async function signedInMember(
  role: 'admin' | 'member',
): Promise<{ id: string; email: string; browser: Browser }> {
  const email = uniqueEmail(`${role}+sktest`);
  const created = await sdk.user.createUserAndMembership('org_acme', {
    email,
    sendInvitationEmail: false,
  });
  const id = created.user?.id ?? '';
  await sdk.user.updateMembership('org_acme', id, { roles: [role] });
  const browser = await stack.signIn(email, { instance: second });
  const session = SessionResponseSchema.parse(JSON.parse((await browser.get(routes.session)).body));
  expect(session.roles).toEqual([role]);
  return { id, email, browser };
}

const sessionIdOf = (browser: Browser): string =>
  decodeURIComponent(browser.cookies.get('sid') ?? '').split('.')[0] ?? '';

/** The Scalekit session and refresh token behind a signed-in browser, as the BFF keeps them. */
async function scalekitSideOf(
  browser: Browser,
): Promise<{ scalekitSessionId: string; refreshToken: string }> {
  const tokens = await first.app.sessions.store.getTokens(sessionIdOf(browser));
  const scalekitSessionId = tokens?.scalekitSessionId ?? '';
  expect(scalekitSessionId).toMatch(/^ses_/);
  return { scalekitSessionId, refreshToken: tokens?.refreshToken ?? '' };
}

const inviteSomeone = (browser: Browser): Promise<RecordedResponse> =>
  invite(browser, uniqueEmail('newcomer'));

async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error('the condition never held');
}

describe('an admin’s change on one instance', () => {
  useStack(false);

  it('ends every session of a removed member: their very next request on the other instance is 401', async () => {
    const member = await signedInMember('member');
    const elsewhere = await stack.signIn(member.email, { instance: first });
    expect((await elsewhere.get(routes.session)).status).toBe(200);

    const removed = await admin.request(routes.member(member.id), { method: 'DELETE', csrf: true });
    expect(removed.status).toBe(200);

    const next = await member.browser.get(routes.session);
    expect(next.status).toBe(401);
    expect(parse<ErrorBody>(next).code).toBe('unauthenticated');
    expect((await elsewhere.get(routes.session)).status).toBe(401);
    expect(await first.app.sessions.store.sessionsOf(member.id, 'org_acme')).toEqual([]);
  });

  it('ends a removed member’s Scalekit session too: it reads as revoked and its refresh token no longer works', async () => {
    const member = await signedInMember('member');
    const tokens = await scalekitSideOf(member.browser);

    const removed = await admin.request(routes.member(member.id), { method: 'DELETE', csrf: true });
    expect(removed.status).toBe(200);

    expect((await sdk.session.getSession(tokens.scalekitSessionId)).status).toBe('revoked');
    await expect(sdk.refreshAccessToken(tokens.refreshToken)).rejects.toThrow();
    // Scalekit had ended it already with the membership: that is no failure worth a warning.
    expect(first.logs.text()).not.toContain('could not revoke the Scalekit session');
  });

  it('revokes the Scalekit session of every BFF session it ends, even one Scalekit still held active', async () => {
    // Scalekit ends a session itself when the membership goes; here the membership stays, so
    // only the BFF's own call can end it.
    const member = await signedInMember('member');
    const tokens = await scalekitSideOf(member.browser);
    expect((await sdk.session.getSession(tokens.scalekitSessionId)).status).toBe('active');

    await endMemberAccess(
      {
        sessions: first.app.sessions.store,
        gateway: { call: first.app.callScalekit },
        log: first.app.log,
      },
      'org_acme',
      member.id,
    );

    expect((await sdk.session.getSession(tokens.scalekitSessionId)).status).toBe('revoked');
    await expect(sdk.refreshAccessToken(tokens.refreshToken)).rejects.toThrow();
  });

  it('ends the session of someone whose invitation was accepted after the admin last looked', async () => {
    const email = uniqueEmail('late+sktest');
    const pending = await invited(admin, email);
    // The invitee follows the email link and signs in while the admin's page still shows the
    // invitation as pending; the admin then revokes it.
    const mail = await stack.mailbox.waitFor(invitationTo(email), 10_000);
    expect((await fetch(extractLink(mail, '/invite/accept'), { redirect: 'manual' })).status).toBe(
      302,
    );
    const browser = await stack.signIn(email, { instance: second });
    expect((await browser.get(routes.session)).status).toBe(200);

    const revoked = await admin.request(routes.member(pending.userId), {
      method: 'DELETE',
      csrf: true,
    });
    expect(revoked.status).toBe(200);
    expect((await browser.get(routes.session)).status).toBe(401);
  });

  it('takes admin powers away at once: the demoted admin’s next write on the other instance is 403', async () => {
    const demoted = await signedInMember('admin');
    const oldId = sessionIdOf(demoted.browser);

    const changed = await sendJson(admin, 'PATCH', routes.member(demoted.id), { role: 'member' });
    expect(changed.status).toBe(200);

    const write = await inviteSomeone(demoted.browser);
    expect(write.status).toBe(403);
    expect(parse<ErrorBody>(write).code).toBe('forbidden');
    const session = SessionResponseSchema.parse(
      JSON.parse((await demoted.browser.get(routes.session)).body),
    );
    expect(session).toMatchObject({ roles: ['member'], isAdmin: false });
    expect(session.permissions).not.toContain('members:invite');
    // The role change moved the session to a new id (session fixation).
    expect(sessionIdOf(demoted.browser)).not.toBe(oldId);
  });

  it('gives a promoted member admin powers on their next request', async () => {
    const promoted = await signedInMember('member');
    expect((await inviteSomeone(promoted.browser)).status).toBe(403);
    const changed = await sendJson(admin, 'PATCH', routes.member(promoted.id), { role: 'admin' });
    expect(changed.status).toBe(200);
    expect((await inviteSomeone(promoted.browser)).status).toBe(201);
  });

  it('gives an admin who demotes themself the new roles in their own session at once', async () => {
    const self = await signedInMember('admin');
    const changed = await sendJson(self.browser, 'PATCH', routes.member(self.id), {
      role: 'member',
    });
    expect(changed.status).toBe(200);
    const session = SessionResponseSchema.parse(
      JSON.parse((await self.browser.get(routes.session)).body),
    );
    expect(session).toMatchObject({ roles: ['member'], isAdmin: false });
    expect((await inviteSomeone(self.browser)).status).toBe(403);
  });
});

describe('a change made at Scalekit, announced by webhook', () => {
  useStack(true);

  it('ends the sessions of a member removed at Scalekit', async () => {
    const member = await signedInMember('member');
    await sdk.user.deleteMembership('org_acme', member.id);
    await eventually(async () => (await member.browser.get(routes.session)).status === 401);
    expect(await second.app.sessions.store.sessionsOf(member.id, 'org_acme')).toEqual([]);
  });

  it('takes admin powers away from an admin demoted at Scalekit', async () => {
    const demoted = await signedInMember('admin');
    await sdk.user.updateMembership('org_acme', demoted.id, { roles: ['member'] });
    await eventually(async () => {
      const session = SessionResponseSchema.parse(
        JSON.parse((await demoted.browser.get(routes.session)).body),
      );
      return !session.isAdmin;
    });
    expect((await inviteSomeone(demoted.browser)).status).toBe(403);
  });
});
