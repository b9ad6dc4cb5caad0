// The session API through the SDK: session details with the device, listing with filters and
// pages, and revocation that ends refresh tokens, /userinfo and the hosted-page session at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar, parseForm } from '../src/testing/index.js';
import { expectSdkError } from './support/emulator.js';
import {
  ACME,
  GLOBEX,
  REDIRECT_URI,
  decodeJwtPayload,
  postToken,
  startAuthEmulator,
  type AuthTestEmulator,
} from './support/auth-fixtures.js';
import { startReceiver, type Receiver } from './support/receiver.js';

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1';
const DESKTOP =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const DAY_MS = 24 * 3600 * 1000;

async function send(
  t: AuthTestEmulator,
  url: string,
  jar: CookieJar,
  userAgent: string,
  form?: Record<string, string>,
) {
  const response = await fetch(new URL(url, t.emulator.url), {
    method: form ? 'POST' : 'GET',
    redirect: 'manual',
    headers: {
      cookie: jar.header() ?? '',
      'user-agent': userAgent,
      ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  jar.store(response);
  return response;
}

/** Signs in on the hosted page from a browser with the given user agent; returns the tokens. */
async function signIn(
  t: AuthTestEmulator,
  email: string,
  userAgent: string,
  organizationId?: string,
) {
  const jar = new CookieJar();
  const authorize = t.sdk.getAuthorizationUrl(REDIRECT_URI, {
    state: 'st',
    scopes: ['openid', 'email', 'offline_access'],
    ...(organizationId ? { organizationId } : {}),
  });
  const start = await send(t, authorize, jar, userAgent);
  const emailPage = await send(t, start.headers.get('location') ?? '', jar, userAgent);
  const requestId = parseForm(await emailPage.text())?.fields.get('request') ?? '';
  await send(t, '/sign-in/email', jar, userAgent, { request: requestId, email });
  const done = await send(t, '/sign-in/code', jar, userAgent, {
    request: requestId,
    code: '424242',
  });
  const code = new URL(done.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const tokens = await t.sdk.authenticateWithCode(code, REDIRECT_URI);
  const sessionId = String(decodeJwtPayload(tokens.accessToken).sid);
  return { ...tokens, sessionId, jar, authorize };
}

async function userinfoStatus(t: AuthTestEmulator, accessToken: string): Promise<number> {
  const response = await fetch(`${t.emulator.url}/userinfo`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  await response.body?.cancel();
  return response.status;
}

async function refresh(t: AuthTestEmulator, refreshToken: string) {
  return postToken(t.emulator.url, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: t.emulator.clientId,
    client_secret: t.emulator.clientSecret,
  });
}

async function newActiveUser(t: AuthTestEmulator, email: string): Promise<string> {
  const { user } = await t.sdk.user.createUserAndMembership(ACME, {
    email,
    sendInvitationEmail: false,
  });
  return user?.id ?? '';
}

describe('user sessions through the SDK', () => {
  let t: AuthTestEmulator;
  let hooks: Receiver;

  beforeAll(async () => {
    hooks = await startReceiver();
    t = await startAuthEmulator({ webhookUrl: `${hooks.url}/hooks` });
  });
  afterAll(async () => {
    await t.close();
    await hooks.close();
  });

  it('describes a session: device from the user agent, address, organizations and clients', async () => {
    const userId = await newActiveUser(t, 'phone+sktest@acme.test');
    const { sessionId } = await signIn(t, 'phone+sktest@acme.test', IPHONE);

    const session = await t.sdk.session.getSession(sessionId);
    expect(session).toMatchObject({
      sessionId,
      userId,
      organizationId: ACME,
      status: 'active',
      authenticatedOrganizations: [ACME],
      authenticatedClients: [{ clientId: t.emulator.clientId, organizationId: ACME }],
      device: {
        userAgent: IPHONE,
        os: 'iOS',
        osVersion: '17.1',
        browser: 'Safari',
        browserVersion: '17.1',
        deviceType: 'mobile',
        ip: '127.0.0.1',
      },
    });
    const created = Number(session.createdAt?.seconds);
    expect(Number(session.absoluteExpiresAt?.seconds) - created).toBe(24 * 3600);
    expect(session.expiredAt).toBeUndefined();
    expect(session.logoutAt).toBeUndefined();
    // No organization session policy with an idle timeout: no idle expiry.
    expect(session.idleExpiresAt).toBeUndefined();
    expect(session.lastActiveAt).toBeDefined();

    await expectSdkError(t.sdk.session.getSession('ses_missing'), 404);
  });

  it('lists a user sessions with status and time filters (any case) and pages of 10 by default', async () => {
    const email = 'many+sktest@acme.test';
    const userId = await newActiveUser(t, email);
    const ids: string[] = [];
    for (let i = 0; i < 11; i++) ids.push((await signIn(t, email, DESKTOP)).sessionId);
    await t.sdk.session.revokeSession(ids[0] ?? '');

    const first = await t.sdk.session.getUserSessions(userId);
    expect(first.totalSize).toBe(11);
    expect(first.sessions.map((s) => s.sessionId)).toEqual(ids.slice(0, 10));
    const second = await t.sdk.session.getUserSessions(userId, {
      pageToken: first.nextPageToken,
    });
    expect(second.sessions.map((s) => s.sessionId)).toEqual(ids.slice(10));
    expect(second.nextPageToken).toBe('');

    const active = await t.sdk.session.getUserSessions(userId, {
      pageSize: 3,
      filter: { status: ['ACTIVE'] },
    });
    expect(active.totalSize).toBe(10);
    expect(active.sessions.map((s) => s.status)).toEqual(['active', 'active', 'active']);
    const revoked = await t.sdk.session.getUserSessions(userId, {
      filter: { status: ['Revoked', 'logout'] },
    });
    expect(revoked.sessions.map((s) => s.sessionId)).toEqual([ids[0]]);

    const future = await t.sdk.session.getUserSessions(userId, {
      filter: { startTime: new Date(Date.now() + DAY_MS) },
    });
    expect(future.totalSize).toBe(0);
    const past = await t.sdk.session.getUserSessions(userId, {
      filter: { endTime: new Date(Date.now() - DAY_MS) },
    });
    expect(past.totalSize).toBe(0);

    await expectSdkError(
      t.sdk.session.getUserSessions(userId, { filter: { status: ['sleeping'] } }),
      400,
    );
    await expectSdkError(t.sdk.session.getUserSessions('usr_missing'), 404);
  });

  it('revokes a session: refresh tokens, userinfo and the hosted-page session stop at once', async () => {
    const email = 'revoked+sktest@acme.test';
    const userId = await newActiveUser(t, email);
    const kept = await signIn(t, email, DESKTOP);
    const session = await signIn(t, email, DESKTOP);
    expect(await userinfoStatus(t, session.accessToken)).toBe(200);

    const { revokedSession } = await t.sdk.session.revokeSession(session.sessionId);
    expect(revokedSession).toMatchObject({
      sessionId: session.sessionId,
      userId,
      status: 'revoked',
    });
    expect(revokedSession?.expiredAt).toBeDefined();

    const refused = await refresh(t, session.refreshToken);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('invalid_grant');
    expect(await userinfoStatus(t, session.accessToken)).toBe(401);
    // The browser's emulator session is over: no silent sign-in, the page asks again.
    const silent = await send(
      t,
      t.sdk.getAuthorizationUrl(REDIRECT_URI, { state: 's', scopes: ['openid'], prompt: 'none' }),
      session.jar,
      DESKTOP,
    );
    expect(new URL(silent.headers.get('location') ?? '').searchParams.get('error')).toBe(
      'login_required',
    );

    // The other session of the same user is untouched.
    expect((await refresh(t, kept.refreshToken)).status).toBe(200);
    expect((await t.sdk.session.getSession(kept.sessionId)).status).toBe('active');

    const logout = await hooks.waitFor(
      (r) => r.json.type === 'user.logout' && r.body.includes(session.sessionId),
    );
    expect(logout.json).toMatchObject({ organization_id: ACME, data: { user: { id: userId } } });

    await expectSdkError(t.sdk.session.revokeSession(session.sessionId), 400);
    await expectSdkError(t.sdk.session.revokeSession('ses_missing'), 404);
  });

  it('revokes every active session of a user and leaves ended ones as they are', async () => {
    const email = 'everywhere+sktest@acme.test';
    const { user } = await t.sdk.user.createUserAndMembership(GLOBEX, {
      email,
      sendInvitationEmail: false,
    });
    const userId = user?.id ?? '';
    await t.sdk.user.createMembership(ACME, userId, { sendInvitationEmail: false });
    const inAcme = await signIn(t, email, DESKTOP, ACME);
    const inGlobex = await signIn(t, email, IPHONE, GLOBEX);
    const signedOut = await signIn(t, email, DESKTOP, ACME);
    const logoutUrl = t.sdk.getLogoutUrl({ idTokenHint: signedOut.idToken });
    await (await send(t, logoutUrl, signedOut.jar, DESKTOP)).body?.cancel();
    expect((await t.sdk.session.getSession(signedOut.sessionId)).status).toBe('logout');

    const result = await t.sdk.session.revokeAllUserSessions(userId);
    expect(result.totalRevoked).toBe(2);
    expect(result.revokedSessions.map((s) => [s.sessionId, s.status])).toEqual([
      [inAcme.sessionId, 'revoked'],
      [inGlobex.sessionId, 'revoked'],
    ]);
    const after = await t.sdk.session.getSession(signedOut.sessionId);
    expect(after.status).toBe('logout');
    expect(after.logoutAt).toBeDefined();
    expect((await refresh(t, inGlobex.refreshToken)).body.error).toBe('invalid_grant');

    expect((await t.sdk.session.revokeAllUserSessions(userId)).totalRevoked).toBe(0);
    await expectSdkError(t.sdk.session.revokeAllUserSessions('usr_missing'), 404);
  });

  it('takes the idle expiry from the organization session policy and reads an idle session as expired', async () => {
    await t.sdk.organization.updateOrganizationSettings(GLOBEX, {
      features: [{ name: 'session_policy', enabled: true }],
    });
    await t.sdk.organization.updateOrganizationSessionPolicy(GLOBEX, {
      policySource: 'CUSTOM',
      absoluteSessionTimeout: 60,
      absoluteSessionTimeoutUnit: 'MINUTES',
      idleSessionTimeoutEnabled: true,
      idleSessionTimeout: 10,
      idleSessionTimeoutUnit: 'MINUTES',
    });
    try {
      const email = 'idle+sktest@acme.test';
      const { user } = await t.sdk.user.createUserAndMembership(GLOBEX, {
        email,
        sendInvitationEmail: false,
      });
      const { sessionId } = await signIn(t, email, DESKTOP, GLOBEX);
      const fresh = await t.sdk.session.getSession(sessionId);
      expect(fresh.status).toBe('active');
      expect(Number(fresh.idleExpiresAt?.seconds) - Number(fresh.lastActiveAt?.seconds)).toBe(600);

      t.clock.advance(11 * 60 * 1000);
      try {
        const idle = await t.sdk.session.getSession(sessionId);
        expect(idle.status).toBe('expired');
        expect(idle.expiredAt?.seconds).toBe(idle.idleExpiresAt?.seconds);
        const listed = await t.sdk.session.getUserSessions(user?.id ?? '', {
          filter: { status: ['active'] },
        });
        expect(listed.totalSize).toBe(0);
      } finally {
        t.clock.advance(-11 * 60 * 1000);
      }
    } finally {
      await t.sdk.organization.updateOrganizationSessionPolicy(GLOBEX, {
        policySource: 'APPLICATION',
      });
    }
  });

  it('reads a session past its lifetime as expired', async () => {
    const email = 'lapsed+sktest@acme.test';
    const userId = await newActiveUser(t, email);
    const { sessionId } = await signIn(t, email, DESKTOP);
    t.clock.advance(2 * DAY_MS);
    try {
      const session = await t.sdk.session.getSession(sessionId);
      expect(session.status).toBe('expired');
      expect(session.expiredAt?.seconds).toBe(session.absoluteExpiresAt?.seconds);
      const expired = await t.sdk.session.getUserSessions(userId, {
        filter: { status: ['expired'] },
      });
      expect(expired.sessions.map((s) => s.sessionId)).toEqual([sessionId]);
      await expectSdkError(t.sdk.session.revokeSession(sessionId), 400);
    } finally {
      t.clock.advance(-2 * DAY_MS);
    }
  });
});

describe('sessions in a data directory', () => {
  it('keeps session details and revocations across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scalekit-emulator-'));
    try {
      const first = await startAuthEmulator({ dataDir: dir });
      const userId = await newActiveUser(first, 'kept+sktest@acme.test');
      const live = await signIn(first, 'kept+sktest@acme.test', IPHONE);
      const revoked = await signIn(first, 'kept+sktest@acme.test', DESKTOP);
      await first.sdk.session.revokeSession(revoked.sessionId);
      await first.close();

      const second = await startAuthEmulator({ dataDir: dir });
      try {
        const sessions = await second.sdk.session.getUserSessions(userId);
        expect(sessions.sessions.map((s) => [s.sessionId, s.status, s.device?.deviceType])).toEqual(
          [
            [live.sessionId, 'active', 'mobile'],
            [revoked.sessionId, 'revoked', 'desktop'],
          ],
        );
        expect((await refresh(second, revoked.refreshToken)).body.error).toBe('invalid_grant');
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
