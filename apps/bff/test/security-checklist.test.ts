// bff-security.md, line by line, driven over HTTP against the emulator with a cookie jar.
// Lines 13 (team authorization) and 18 (webhooks) are covered by the team and webhook suites;
// line 10 (refresh) by refresh-across-instances.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema, SessionResponseSchema, routes } from '@app/contracts';
import { signInThroughHostedPage, HostedPageError } from '@app/scalekit-emulator/testing';
import { ScalekitClient } from '@scalekit-sdk/node';
import type { Browser, RecordedResponse } from './support/browser.js';
import { createTokenVerifier } from '../src/auth/token-claims.js';
import { startStack, TEST_CODE, type Stack } from './support/harness.js';
import { findJwts } from './support/jwt-scan.js';

const ADMIN = 'admin+sktest@acme.test';
const MEMBER = 'member+sktest@acme.test';

function location(response: RecordedResponse): URL {
  const value = response.headers.get('location');
  if (value === null) throw new Error(`no Location on a ${response.status}`);
  return new URL(value, 'http://relative.invalid');
}

function sessionCookie(browser: Browser): string | undefined {
  return browser.cookies.get('sid');
}

/** Starts a sign-in and returns the callback URL the hosted page sends the browser to. */
async function hostedCallback(
  stack: Stack,
  browser: Browser,
  email = ADMIN,
  path: string = routes.login,
): Promise<string> {
  const login = await browser.get(path, { accept: 'html' });
  const hosted = await signInThroughHostedPage({
    authorizeUrl: location(login).toString(),
    email,
    code: TEST_CODE,
  });
  return browser.localPath(hosted.redirectUrl);
}

let stack: Stack;
const browsers: Browser[] = [];
const track = (browser: Browser): Browser => {
  browsers.push(browser);
  return browser;
};

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe('1. login redirect', () => {
  it('answers 302 to the authorize URL with code flow, fresh 128-bit state and nonce, PKCE S256 and the registered redirect_uri', async () => {
    const browser = track(stack.browser());
    const first = location(await browser.get(routes.login, { accept: 'html' }));
    const second = location(await browser.get(routes.login, { accept: 'html' }));
    expect(`${first.origin}${first.pathname}`).toBe(`${stack.emulator.url}/oauth/authorize`);
    const q = first.searchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('redirect_uri')).toBe(`${stack.publicUrl}/api/callback`);
    expect(q.get('scope')).toBe('openid profile email offline_access');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('prompt')).toBeNull();
    for (const name of ['state', 'nonce']) {
      const value = q.get(name) ?? '';
      expect(Buffer.from(value, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
      expect(second.searchParams.get(name)).not.toBe(value);
    }
  });

  it('sends invitation links (the initiate-login URL) to authorize with prompt=create', async () => {
    const browser = track(stack.browser());
    const url = location(await browser.get(routes.loginInitiate, { accept: 'html' }));
    expect(url.searchParams.get('prompt')).toBe('create');
    expect(url.searchParams.get('redirect_uri')).toBe(`${stack.publicUrl}/api/callback`);
  });
});

describe('2. callback', () => {
  it('refuses a callback without state', async () => {
    const browser = track(stack.browser());
    const answer = await browser.get(`${routes.callback}?code=abc`, { accept: 'html' });
    expect(answer.status).toBe(302);
    expect(location(answer).pathname + location(answer).search).toBe(
      '/sign-in?error=invalid_state',
    );
    expect(sessionCookie(browser)).toBeUndefined();
  });

  it('refuses a callback whose state is unknown, with 401 {code, message} for JSON callers', async () => {
    const browser = track(stack.browser());
    const callback = await hostedCallback(stack, browser);
    const forged = callback.replace(/state=[^&]+/, 'state=forged-state-value');
    const answer = await browser.get(forged);
    expect(answer.status).toBe(401);
    expect(ErrorBodySchema.parse(JSON.parse(answer.body)).code).toBe('unauthenticated');
  });

  it('refuses an already-used state and a replayed code', async () => {
    const browser = track(stack.browser());
    const callback = await hostedCallback(stack, browser);
    expect((await browser.get(callback, { accept: 'html' })).status).toBe(302);
    const replay = await browser.get(callback, { accept: 'html' });
    expect(location(replay).search).toBe('?error=invalid_state');
  });

  it('refuses a callback finished in another browser than the one that started it', async () => {
    const starter = track(stack.browser());
    const callback = await hostedCallback(stack, starter);
    const victim = track(stack.browser());
    const answer = await victim.get(callback, { accept: 'html' });
    expect(location(answer).search).toBe('?error=invalid_state');
    expect(sessionCookie(victim)).toBeUndefined();
  });

  it('refuses a code presented with another transaction (its verifier and nonce do not match)', async () => {
    // Two sign-ins in one browser: the second callback's code paired with the first state's
    // transaction carries the wrong verifier and nonce, so Scalekit refuses the exchange.
    const browser = track(stack.browser());
    const first = new URL(await hostedCallback(stack, browser), stack.publicUrl);
    const second = new URL(await hostedCallback(stack, browser), stack.publicUrl);
    const mixed = `${routes.callback}?code=${second.searchParams.get('code') ?? ''}&state=${first.searchParams.get('state') ?? ''}`;
    const answer = await browser.get(mixed, { accept: 'html' });
    expect(location(answer).search).toBe('?error=login_failed');
    expect(sessionCookie(browser)).toBeUndefined();
  });

  it('turns a provider error into a readable sign-in error for browsers', async () => {
    const browser = track(stack.browser());
    const login = await browser.get(routes.login, { accept: 'html' });
    const state = location(login).searchParams.get('state') ?? '';
    const answer = await browser.get(
      `${routes.callback}?error=access_denied&error_description=cancelled&state=${state}`,
      {
        accept: 'html',
      },
    );
    expect(location(answer).pathname + location(answer).search).toBe(
      '/sign-in?error=access_denied',
    );
  });

  it('checks the id_token: signature, iss, aud and exp are verified against the JWKS', async () => {
    const browser = track(await stack.signIn(ADMIN));
    const session = SessionResponseSchema.parse(
      JSON.parse((await browser.get(routes.session)).body),
    );
    expect(session.user.email).toBe(ADMIN);
    const app = stack.bff.app;
    const id = decodeURIComponent(sessionCookie(browser) ?? '').split('.')[0] ?? '';
    const tokens = await app.sessions.store.getTokens(id);
    const idToken = tokens?.idToken ?? '';
    const verifier = (issuer: string, clientId: string) =>
      createTokenVerifier(app.callScalekit, { issuer, clientId });
    await expect(
      verifier(stack.emulator.url, stack.emulator.clientId).verifyIdToken(idToken),
    ).resolves.toMatchObject({
      email: ADMIN,
    });
    const tampered = `${idToken.slice(0, -4)}AAAA`;
    await expect(
      verifier(stack.emulator.url, stack.emulator.clientId).verifyIdToken(tampered),
    ).rejects.toMatchObject({
      kind: 'invalid_token',
    });
    await expect(
      verifier('https://other-issuer.test', stack.emulator.clientId).verifyIdToken(idToken),
    ).rejects.toMatchObject({
      kind: 'invalid_token',
    });
    await expect(
      verifier(stack.emulator.url, 'skc_someone_else').verifyIdToken(idToken),
    ).rejects.toMatchObject({
      kind: 'invalid_token',
    });
  });
});

describe('3. transaction data', () => {
  it('keeps the transaction server-side, single-use, for at most 10 minutes', async () => {
    const browser = track(stack.browser());
    const login = await browser.get(routes.login, { accept: 'html' });
    // Only an opaque binding cookie reaches the browser: no state, nonce or verifier in it.
    const txCookie = browser.cookies.get('sid_tx') ?? '';
    const state = location(login).searchParams.get('state') ?? '';
    expect(txCookie).not.toContain(state);
    expect(login.setCookies.join(';')).toMatch(/HttpOnly/i);
    expect(login.setCookies.join(';')).toMatch(/Max-Age=600/);
    const store = stack.bff.app.sessions.store;
    const tx = await store.takeTransaction(state);
    expect(tx?.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await store.takeTransaction(state)).toBeUndefined();
  });
});

describe('4. session cookie', () => {
  it('is HttpOnly, SameSite=Lax, Path=/, without Domain, and holds an opaque random id', async () => {
    const browser = track(stack.browser());
    const callback = await hostedCallback(stack, browser);
    const answer = await browser.get(callback, { accept: 'html' });
    const cookie = answer.setCookies.find((line) => line.startsWith('sid='));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
    // Plain-http localhost: no Secure (browsers would drop it); see the https case below.
    expect(cookie).not.toMatch(/Secure/i);
    const value = decodeURIComponent(sessionCookie(browser) ?? '');
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}\.[A-Za-z0-9+/_-]{40,}$/);
    expect(value).not.toContain(ADMIN);
  });

  it('is Secure with the __Host- prefix when the app is served over https', async () => {
    const https = await startStack({ https: true });
    try {
      const browser = https.browser();
      const login = await browser.get(routes.login, { accept: 'html' });
      const hosted = await signInThroughHostedPage({
        authorizeUrl: location(login).toString(),
        email: ADMIN,
        code: TEST_CODE,
      });
      const answer = await browser.get(browser.localPath(hosted.redirectUrl), { accept: 'html' });
      const cookie = answer.setCookies.find((line) => line.startsWith('__Host-sid='));
      expect(cookie).toMatch(/Secure/);
      expect(cookie).toMatch(/Path=\//);
      expect(cookie).not.toMatch(/Domain=/i);
      expect((await browser.get(routes.session)).status).toBe(200);
    } finally {
      await https.stop();
    }
  });
});

describe('6. session fixation', () => {
  it('issues a new session id at sign-in; a cookie planted before sign-in is useless after it', async () => {
    const attacker = track(await stack.signIn(MEMBER));
    const planted = sessionCookie(attacker) ?? '';
    const victim = track(stack.browser());
    victim.cookies.set('sid', planted);
    const callback = await hostedCallback(stack, victim, ADMIN);
    await victim.get(callback, { accept: 'html' });
    expect(sessionCookie(victim)).not.toBe(planted);
    // The planted id was ended, and never became the admin's session.
    const withPlanted = stack.browser();
    withPlanted.cookies.set('sid', planted);
    expect((await withPlanted.get(routes.session)).status).toBe(401);
    expect(JSON.parse((await victim.get(routes.session)).body)).toMatchObject({
      user: { email: ADMIN },
    });
  });

  it('refuses a session cookie with a forged signature', async () => {
    const browser = track(await stack.signIn(ADMIN));
    const [id = ''] = decodeURIComponent(sessionCookie(browser) ?? '').split('.');
    const forged = stack.browser();
    forged.cookies.set('sid', `${id}.${'A'.repeat(43)}`);
    expect((await forged.get(routes.session)).status).toBe(401);
  });
});

describe('7. timeouts', () => {
  it('ends a session idle longer than the idle timeout, on the server', async () => {
    const short = await startStack({
      env: { SESSION_IDLE_TIMEOUT_SECONDS: '2', SESSION_ABSOLUTE_TIMEOUT_SECONDS: '60' },
    });
    try {
      const browser = await short.signIn(ADMIN);
      expect((await browser.get(routes.session)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 2300));
      expect((await browser.get(routes.session)).status).toBe(401);
    } finally {
      await short.stop();
    }
  });

  it('ends a session at the absolute timeout even while it is used', async () => {
    const short = await startStack({
      env: { SESSION_IDLE_TIMEOUT_SECONDS: '2', SESSION_ABSOLUTE_TIMEOUT_SECONDS: '5' },
    });
    try {
      const browser = await short.signIn(ADMIN);
      const session = SessionResponseSchema.parse(
        JSON.parse((await browser.get(routes.session)).body),
      );
      const expiresAt = Date.parse(session.expiresAt);
      expect(expiresAt - Date.now()).toBeLessThanOrEqual(5000);
      // Used more often than the idle timeout, for longer than it, until just before the end
      // (paced by the session's own deadline, so a slow sign-in does not make the test lie).
      const usedFrom = Date.now();
      while (Date.now() + 900 < expiresAt - 300) {
        await new Promise((resolve) => setTimeout(resolve, 900));
        expect((await browser.get(routes.session)).status).toBe(200);
      }
      expect(Date.now() - usedFrom).toBeGreaterThan(2000);
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, expiresAt + 300 - Date.now())),
      );
      expect((await browser.get(routes.session)).status).toBe(401);
    } finally {
      await short.stop();
    }
  });

  it('refuses an idle timeout longer than the absolute timeout at start-up', async () => {
    const { loadConfig } = await import('../src/config/env.js');
    expect(() =>
      loadConfig({
        NODE_ENV: 'test',
        SESSION_IDLE_TIMEOUT_SECONDS: '100',
        SESSION_ABSOLUTE_TIMEOUT_SECONDS: '10',
      }),
    ).toThrow(/SESSION_IDLE_TIMEOUT_SECONDS/);
  });
});

describe('8. CSRF', () => {
  it('refuses a state-changing request without the X-CSRF header', async () => {
    const browser = track(await stack.signIn(ADMIN));
    const answer = await browser.post(routes.logout, {
      csrf: false,
      headers: { origin: stack.publicUrl },
    });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'csrf_rejected' });
    expect((await browser.get(routes.session)).status).toBe(200);
  });

  it('refuses a state-changing request from a foreign Origin even with the header', async () => {
    const browser = track(await stack.signIn(ADMIN));
    const answer = await browser.post(routes.invitations, {
      csrf: false,
      headers: { 'x-csrf': '1', origin: 'https://evil.test', 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'x@acme.test', role: 'member' }),
    });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'csrf_rejected' });
  });

  it('grants no CORS access to another origin', async () => {
    const browser = track(await stack.signIn(ADMIN));
    const preflight = await browser.request(routes.session, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.test', 'access-control-request-method': 'GET' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const read = await browser.get(routes.session, { headers: { origin: 'https://evil.test' } });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
    expect(read.headers.get('access-control-allow-credentials')).toBeNull();
  });
});

describe('9. GET /api/session', () => {
  it('answers 401 JSON, never a redirect, when signed out', async () => {
    const browser = track(stack.browser());
    const answer = await browser.get(routes.session, { accept: 'html' });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('location')).toBeNull();
    expect(ErrorBodySchema.parse(JSON.parse(answer.body)).code).toBe('unauthenticated');
  });

  it('answers the minimal user, organization, roles and session expiry when signed in', async () => {
    const browser = track(await stack.signIn(MEMBER));
    const body = JSON.parse((await browser.get(routes.session)).body) as Record<string, unknown>;
    const session = SessionResponseSchema.parse(body);
    expect(Object.keys(body).sort()).toEqual(
      [
        'expiresAt',
        'idleExpiresAt',
        'isAdmin',
        'organization',
        'permissions',
        'roles',
        'user',
      ].sort(),
    );
    expect(session).toMatchObject({
      user: { email: MEMBER, emailVerified: true },
      organization: { id: 'org_acme', name: 'Acme' },
      roles: ['member'],
      isAdmin: false,
    });
  });
});

describe('11. logout', () => {
  it('is CSRF-protected, deletes the server session, expires the cookie, and sends the browser to Scalekit with id_token_hint and the registered post-logout URI', async () => {
    const browser = track(await stack.signIn(ADMIN));
    const oldCookie = sessionCookie(browser) ?? '';
    const answer = await browser.post(routes.logout);
    expect(answer.status).toBe(200);
    const { redirectTo } = JSON.parse(answer.body) as { redirectTo: string };
    const url = new URL(redirectTo);
    expect(`${url.origin}${url.pathname}`).toBe(`${stack.emulator.url}/oidc/logout`);
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${stack.publicUrl}/sign-in`);
    expect(findJwts(url.searchParams.get('id_token_hint') ?? '')).toHaveLength(1);
    expect(answer.setCookies.find((line) => line.startsWith('sid='))).toMatch(
      /Expires=Thu, 01 Jan 1970|Max-Age=0/,
    );
    const replay = stack.browser();
    replay.cookies.set('sid', oldCookie);
    expect((await replay.get(routes.session)).status).toBe(401);
    // Scalekit accepts the logout request (registered URI, valid hint) and returns to sign-in.
    const scalekit = await fetch(redirectTo, { redirect: 'manual' });
    expect(scalekit.headers.get('location')).toContain(`${stack.publicUrl}/sign-in`);
  });

  it('answers a browser form navigation with 303 to Scalekit', async () => {
    const browser = track(await stack.signIn(ADMIN));
    const answer = await browser.post(routes.logout, { accept: 'html' });
    expect(answer.status).toBe(303);
    expect(location(answer).pathname).toBe('/oidc/logout');
  });
});

describe('12. returnTo', () => {
  it('lands on a same-origin relative returnTo after sign-in', async () => {
    const browser = track(stack.browser());
    const login = await browser.get(
      `${routes.login}?returnTo=${encodeURIComponent('/team?tab=pending')}`,
      { accept: 'html' },
    );
    const hosted = await signInThroughHostedPage({
      authorizeUrl: location(login).toString(),
      email: ADMIN,
      code: TEST_CODE,
    });
    const answer = await browser.get(browser.localPath(hosted.redirectUrl), { accept: 'html' });
    expect(answer.headers.get('location')).toBe('/team?tab=pending');
  });

  it.each([
    '//evil.test/x',
    'https://evil.test/',
    '/\\evil.test',
    '\\\\evil.test',
    'javascript:alert(1)',
    '/ok\r\nSet-Cookie: x=1',
    '/api/session',
    // Dot segments that normalise into `//host` (returnTo=%2F.%2F%2Fevil.example and kin).
    '/.//evil.example',
    '/%2e//evil.example',
    '/%2E%2E//evil.example',
    '/x/..//evil.example',
    '/\t/evil.example',
  ])('falls back to the default page for %j', async (returnTo) => {
    const browser = track(stack.browser());
    const login = await browser.get(`${routes.login}?returnTo=${encodeURIComponent(returnTo)}`, {
      accept: 'html',
    });
    const hosted = await signInThroughHostedPage({
      authorizeUrl: location(login).toString(),
      email: ADMIN,
      code: TEST_CODE,
    });
    const answer = await browser.get(browser.localPath(hosted.redirectUrl), { accept: 'html' });
    expect(answer.headers.get('location')).toBe('/dashboard/profile');
  });
});

describe('14. invite-only', () => {
  it('creates nothing and no session when an email without an invitation signs in', async () => {
    const browser = track(stack.browser());
    const login = await browser.get(routes.login, { accept: 'html' });
    await expect(
      signInThroughHostedPage({
        authorizeUrl: location(login).toString(),
        email: 'stranger+sktest@nowhere.test',
        code: TEST_CODE,
      }),
    ).rejects.toBeInstanceOf(HostedPageError);
    expect(sessionCookie(browser)).toBeUndefined();
    const sdk = new ScalekitClient(
      stack.emulator.url,
      stack.emulator.clientId,
      stack.emulator.clientSecret,
    );
    const users = await sdk.user.listUsers({ pageSize: 100 });
    expect(users.users.map((user) => user.email)).not.toContain('stranger+sktest@nowhere.test');
  });
});

describe('15. abuse limits', () => {
  it('limits sign-in attempts per IP with 429, rate_limited and Retry-After', async () => {
    const limited = await startStack({ env: { RATE_LIMIT_SIGN_IN_PER_MINUTE: '3' } });
    try {
      const browser = limited.browser();
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1)
        statuses.push((await browser.get(routes.login, { accept: 'html' })).status);
      expect(statuses).toEqual([302, 302, 302, 429]);
      const refused = browser.responses.at(-1);
      expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(JSON.parse(refused?.body ?? '{}')).toMatchObject({ code: 'rate_limited' });
    } finally {
      await limited.stop();
    }
  });
});

describe('16. headers and caching', () => {
  it('sends security headers and no-store on auth and API answers', async () => {
    const browser = track(await stack.signIn(ADMIN));
    for (const answer of [
      await browser.get(routes.session),
      await browser.get(routes.login, { accept: 'html' }),
    ]) {
      const csp = answer.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(answer.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('never logs codes, tokens, cookies or raw session ids', async () => {
    const browser = track(await stack.signIn(ADMIN));
    await browser.get(routes.session);
    const logs = stack.allLogs();
    const id = decodeURIComponent(sessionCookie(browser) ?? '').split('.')[0] ?? '';
    expect(id.length).toBeGreaterThan(20);
    expect(logs).not.toContain(id);
    expect(logs).not.toMatch(/[?&]code=/);
    expect(logs).not.toMatch(/[?&]state=/);
    expect(logs).toContain('/api/callback?[redacted]');
  });
});

describe('17. errors', () => {
  it('answers every 4xx with {code, message} from the contracts', async () => {
    const browser = track(stack.browser());
    const answers = [
      await browser.get('/api/nope'),
      await browser.get(routes.session),
      await browser.post(routes.logout, { csrf: false }),
      await browser.post(routes.invitations, {
        headers: { 'content-type': 'application/json' },
        body: '{not json',
      }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      const body = ErrorBodySchema.strict().safeParse(JSON.parse(answer.body));
      expect(body.success, answer.body).toBe(true);
    }
  });

  it('answers 503 identity_unavailable without upstream text when Scalekit cannot be reached', async () => {
    const down = await startStack({ env: { SCALEKIT_TIMEOUT_MS: '1000' } });
    try {
      const browser = down.browser();
      const callback = await hostedCallback(down, browser);
      await down.stopEmulator();
      const started = Date.now();
      const answer = await browser.get(callback);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(answer.status).toBe(503);
      expect(JSON.parse(answer.body)).toEqual({
        code: 'identity_unavailable',
        message: 'The identity service is unavailable. Try again shortly.',
      });
    } finally {
      await down.stop();
    }
  });
});

describe('5. no token reaches the browser', () => {
  it('finds no JWT in any response body, header, cookie or URL, nor in any log line (the logout hint aside)', () => {
    const transcripts = browsers.map((browser) => browser.transcript()).join('\n');
    expect(transcripts.length).toBeGreaterThan(1000);
    // OIDC RP-initiated logout needs the id_token as id_token_hint in the redirect to Scalekit:
    // it is the one allowed exception, and only there.
    const withoutLogoutHint = transcripts.replace(
      /id_token_hint=eyJ[A-Za-z0-9_.-]+/g,
      'id_token_hint=[allowed]',
    );
    expect(findJwts(withoutLogoutHint)).toEqual([]);
    expect(findJwts(stack.allLogs())).toEqual([]);
  });
});
