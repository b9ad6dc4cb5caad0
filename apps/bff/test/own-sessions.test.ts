// "Your sessions" and the organization switcher, on two BFF instances sharing one real Redis and
// the emulator through the real SDK: the list joins Scalekit's sessions with the app's, signing
// one out (or all) ends the app's sessions on every instance and revokes Scalekit's, and a
// switch re-authorizes in the other organization with no second sign-in page.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScalekitClient } from '@scalekit-sdk/node';
import { CookieJar, signInThroughHostedPage } from '@app/scalekit-emulator/testing';
import { hostileText, PROPERTY_SETTINGS } from '@app/contracts/testing';
import {
  routes,
  type ErrorBody,
  type OwnOrganizationsResponse,
  type OwnSessionsResponse,
  type SessionResponse,
  type SignOutSessionsResponse,
  type SwitchOrganizationResponse,
} from '@app/contracts';
import type { Browser } from './support/browser.js';
import { startStack, TEST_CODE, type BffInstance, type Stack } from './support/harness.js';
import { ACME_ADMIN, parse, sendJson, uniqueEmail } from './team-fixtures.js';

const CONSULTANT = 'consultant+sktest@acme.test';

let stack: Stack;
let sdk: ScalekitClient;
let first: BffInstance;
let second: BffInstance;

beforeAll(async () => {
  stack = await startStack({ redis: true, instances: 2, webhooks: false });
  [first, second] = stack.instances as [BffInstance, BffInstance];
  sdk = new ScalekitClient(
    stack.emulator.url,
    stack.emulator.clientId,
    stack.emulator.clientSecret,
  );
});

afterAll(async () => {
  await stack?.stop();
});

/** A browser signed in on `instance`, keeping the hosted page's cookies (Scalekit's session). */
async function signIn(
  email: string,
  instance: BffInstance,
  organizationId?: string,
): Promise<{ browser: Browser; jar: CookieJar }> {
  const browser = stack.browser(instance);
  const jar = new CookieJar();
  const login = await browser.get(routes.login, { accept: 'html' });
  const hosted = await signInThroughHostedPage({
    authorizeUrl: login.headers.get('location') ?? '',
    email,
    code: TEST_CODE,
    cookieJar: jar,
    ...(organizationId === undefined ? {} : { organizationId }),
  });
  const callback = await browser.get(browser.localPath(hosted.redirectUrl), { accept: 'html' });
  expect(callback.status).toBe(302);
  return { browser, jar };
}

/** A new active Acme member, so each test owns every session of its user. */
async function newMember(): Promise<{ id: string; email: string }> {
  const email = uniqueEmail('own+sktest');
  const created = await sdk.user.createUserAndMembership('org_acme', {
    email,
    sendInvitationEmail: false,
  });
  return { id: created.user?.id ?? '', email };
}

const sessionsOf = async (browser: Browser) =>
  parse<OwnSessionsResponse>(await browser.get(routes.ownSessions)).sessions;

const sessionOf = async (browser: Browser) =>
  parse<SessionResponse>(await browser.get(routes.session));

const signOut = (browser: Browser, sessionId: string) =>
  browser.request(routes.ownSession(sessionId), { method: 'DELETE', csrf: true });

describe('Your sessions', () => {
  it('lists your sessions on every device with device, IP and last seen, this one marked', async () => {
    const member = await newMember();
    const { browser: here } = await signIn(member.email, first);
    const { browser: there } = await signIn(member.email, second);

    const seenHere = await sessionsOf(here);
    expect(seenHere).toHaveLength(2);
    expect(seenHere.filter((session) => session.current)).toHaveLength(1);
    expect(seenHere[0]?.current).toBe(true);
    for (const session of seenHere) {
      expect(session.id).toMatch(/^ses_/);
      expect(session.ip).not.toBe('');
      expect(Date.parse(session.lastSeenAt)).toBeGreaterThanOrEqual(Date.parse(session.createdAt));
    }
    // The other browser sees the same two, its own one marked instead.
    const seenThere = await sessionsOf(there);
    expect(seenThere.map((session) => session.id).sort()).toEqual(
      seenHere.map((session) => session.id).sort(),
    );
    expect(seenThere.find((session) => session.current)?.id).not.toBe(
      seenHere.find((session) => session.current)?.id,
    );
  });

  it('signs out another session: its very next request on the other instance is 401 and Scalekit revoked it', async () => {
    const member = await newMember();
    const { browser: here } = await signIn(member.email, first);
    const { browser: there } = await signIn(member.email, second);
    const other = (await sessionsOf(here)).find((session) => !session.current);
    expect(other).toBeDefined();

    const answer = await signOut(here, other?.id ?? '');
    expect(answer.status).toBe(200);
    expect(parse<SignOutSessionsResponse>(answer)).toEqual({
      signedOut: 1,
      includesCurrent: false,
    });
    expect((await there.get(routes.session)).status).toBe(401);
    expect((await sdk.session.getSession(other?.id ?? '')).status).toBe('revoked');
    // This browser carries on.
    expect((await here.get(routes.session)).status).toBe(200);
    expect((await sessionsOf(here)).map((session) => session.current)).toEqual([true]);
  });

  it('signs out this session too when asked, and expires its cookie', async () => {
    const member = await newMember();
    const { browser } = await signIn(member.email, first);
    const [own] = await sessionsOf(browser);
    const answer = await signOut(browser, own?.id ?? '');
    expect(parse<SignOutSessionsResponse>(answer)).toEqual({ signedOut: 1, includesCurrent: true });
    expect(answer.setCookies.some((line) => /^sid=;/.test(line))).toBe(true);
    expect((await browser.get(routes.session)).status).toBe(401);
  });

  it("refuses another person's session with 404 and leaves it alive", async () => {
    const member = await newMember();
    const { browser } = await signIn(member.email, first);
    const { browser: admin } = await signIn(ACME_ADMIN, second);
    const [adminSession] = await sessionsOf(admin);

    const answer = await signOut(browser, adminSession?.id ?? '');
    expect(answer.status).toBe(404);
    expect(parse<ErrorBody>(answer).code).toBe('not_found');
    expect((await admin.get(routes.session)).status).toBe(200);
    expect((await sdk.session.getSession(adminSession?.id ?? '')).status).toBe('active');
  });

  it('refuses a sign-out without the CSRF header, and a caller who is not signed in', async () => {
    const member = await newMember();
    const { browser } = await signIn(member.email, first);
    const [own] = await sessionsOf(browser);
    const noCsrf = await browser.request(routes.ownSession(own?.id ?? ''), { method: 'DELETE' });
    expect(noCsrf.status).toBe(403);
    const everywhere = await browser.request(routes.signOutEverywhere, { method: 'POST' });
    expect(everywhere.status).toBe(403);
    expect((await stack.browser().get(routes.ownSessions)).status).toBe(401);
    expect((await browser.get(routes.session)).status).toBe(200);
  });

  it('answers any session id with a clear 4xx and signs nobody out', async () => {
    const member = await newMember();
    const { browser } = await signIn(member.email, first);
    const { browser: admin } = await signIn(ACME_ADMIN, second);
    await fc.assert(
      fc.asyncProperty(hostileText(), async (sessionId) => {
        let path: string;
        try {
          path = routes.ownSession(sessionId);
        } catch {
          return; // Not expressible as one path segment: the SPA can never send it.
        }
        const answer = await browser.request(path, { method: 'DELETE', csrf: true });
        expect(answer.status).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
        expect(typeof parse<ErrorBody>(answer).code).toBe('string');
      }),
      { ...PROPERTY_SETTINGS, numRuns: 60 },
    );
    expect((await browser.get(routes.session)).status).toBe(200);
    expect((await admin.get(routes.session)).status).toBe(200);
  });

  it('signs out everywhere: every session in every organization ends on both instances and at Scalekit', async () => {
    const { browser: inAcme } = await signIn(CONSULTANT, first, 'org_acme');
    const { browser: inGlobex } = await signIn(CONSULTANT, second, 'org_globex');
    expect((await sessionOf(inGlobex)).organization.id).toBe('org_globex');

    const answer = await inAcme.post(routes.signOutEverywhere);
    expect(answer.status).toBe(200);
    expect(parse<SignOutSessionsResponse>(answer)).toEqual({ signedOut: 2, includesCurrent: true });
    expect((await inAcme.get(routes.session)).status).toBe(401);
    expect((await inGlobex.get(routes.session)).status).toBe(401);
    const left = await sdk.session.getUserSessions('usr_consultant000001', {
      filter: { status: ['active'] },
    });
    expect(left.sessions).toHaveLength(0);
  });
});

describe('switching organization', () => {
  it('lists your organizations and invitations, the current one marked', async () => {
    const { browser } = await signIn(CONSULTANT, first, 'org_acme');
    const answer = parse<OwnOrganizationsResponse>(await browser.get(routes.ownOrganizations));
    expect(answer.organizations).toEqual([
      { id: 'org_acme', name: 'Acme', status: 'active', current: true },
      { id: 'org_globex', name: 'Globex', status: 'active', current: false },
    ]);
  });

  it('re-authorizes in the other organization with no sign-in page, under a new session id, on the same page', async () => {
    const { browser, jar } = await signIn(CONSULTANT, first, 'org_acme');
    const before = browser.cookies.get('sid');
    const answer = await sendJson(browser, 'POST', routes.switchOrganization, {
      organizationId: 'org_globex',
      returnTo: '/team?q=a',
    });
    expect(answer.status).toBe(200);
    const { redirectTo } = parse<SwitchOrganizationResponse>(answer);
    const authorize = new URL(redirectTo);
    expect(authorize.searchParams.get('prompt')).toBe('select_account');
    expect(authorize.searchParams.get('organization_id')).toBe('org_globex');

    const hosted = await signInThroughHostedPage({
      authorizeUrl: redirectTo,
      email: CONSULTANT,
      cookieJar: jar,
    });
    expect(hosted.pagesShown).toBe(0);
    const callback = await browser.get(browser.localPath(hosted.redirectUrl), { accept: 'html' });
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/team?q=a');
    expect(browser.cookies.get('sid')).not.toBe(before);

    // Every rule follows: the session, the Team page and the other instance all see Globex.
    const session = await sessionOf(browser);
    expect(session.organization).toEqual({ id: 'org_globex', name: 'Globex' });
    browser.baseUrl = second.url;
    const members = await browser.get(routes.members);
    expect(members.status).toBe(200);
    expect(members.body).toContain('admin+sktest@globex.test');
    expect(members.body).not.toContain('admin+sktest@acme.test');
    // The Acme session it came from is gone.
    const old = stack.browser(first);
    old.cookies.set('sid', before ?? '');
    expect((await old.get(routes.session)).status).toBe(401);
  });

  it('switches into an organization that has only invited you, and that accepts the invitation', async () => {
    const member = await newMember();
    await sdk.user.createMembership('org_globex', member.id, { sendInvitationEmail: true });
    const { browser, jar } = await signIn(member.email, first, 'org_acme');
    const listed = parse<OwnOrganizationsResponse>(await browser.get(routes.ownOrganizations));
    expect(listed.organizations).toEqual([
      { id: 'org_acme', name: 'Acme', status: 'active', current: true },
      { id: 'org_globex', name: 'Globex', status: 'invited', current: false },
    ]);

    const answer = await sendJson(browser, 'POST', routes.switchOrganization, {
      organizationId: 'org_globex',
      returnTo: '/team',
    });
    expect(answer.status).toBe(200);
    const { redirectTo } = parse<SwitchOrganizationResponse>(answer);
    const hosted = await signInThroughHostedPage({
      authorizeUrl: redirectTo,
      email: member.email,
      cookieJar: jar,
    });
    const callback = await browser.get(browser.localPath(hosted.redirectUrl), { accept: 'html' });
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/team');
    expect((await sessionOf(browser)).organization).toEqual({ id: 'org_globex', name: 'Globex' });
    // Scalekit accepted the invitation on the way in: both organizations are now memberships.
    const after = parse<OwnOrganizationsResponse>(await browser.get(routes.ownOrganizations));
    expect(after.organizations).toEqual([
      { id: 'org_acme', name: 'Acme', status: 'active', current: false },
      { id: 'org_globex', name: 'Globex', status: 'active', current: true },
    ]);
  });

  it('refuses an organization you are not in with 404, and any id with a clear 4xx', async () => {
    const { browser } = await signIn(ACME_ADMIN, first);
    const answer = await sendJson(browser, 'POST', routes.switchOrganization, {
      organizationId: 'org_globex',
    });
    expect(answer.status).toBe(404);
    expect(parse<ErrorBody>(answer).code).toBe('not_found');
    await fc.assert(
      fc.asyncProperty(hostileText(), async (organizationId) => {
        const refused = await sendJson(browser, 'POST', routes.switchOrganization, {
          organizationId,
        });
        expect([404, 422]).toContain(refused.status);
        expect(parse<ErrorBody>(refused).code).toMatch(/^(not_found|validation_failed)$/);
      }),
      { ...PROPERTY_SETTINGS, numRuns: 40 },
    );
    expect((await sessionOf(browser)).organization.id).toBe('org_acme');
  });

  it('refuses a switch without the CSRF header', async () => {
    const { browser } = await signIn(CONSULTANT, first, 'org_acme');
    const answer = await browser.request(routes.switchOrganization, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ organizationId: 'org_globex' }),
    });
    expect(answer.status).toBe(403);
  });
});
