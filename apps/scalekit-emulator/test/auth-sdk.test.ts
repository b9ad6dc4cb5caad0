// The unmodified Scalekit SDK against the emulator: hosted sign-in, code exchange with PKCE,
// token validation, refresh rotation, and logout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACME,
  ADMIN_EMAIL,
  ADMIN_ID,
  POST_LOGOUT_URI,
  REDIRECT_URI,
  decodeJwtPayload,
  signInWithSdk,
  startAuthEmulator,
  type AuthTestEmulator,
} from './support/auth-fixtures.js';

let t: AuthTestEmulator;

beforeAll(async () => {
  t = await startAuthEmulator();
});
afterAll(async () => {
  await t.close();
});

describe('sign-in with the SDK', () => {
  it('exchanges the code from the hosted page for tokens carrying Scalekit claims', async () => {
    const result = await signInWithSdk(t, ADMIN_EMAIL, { nonce: 'n-123' });
    expect(result.page.state).toBe(result.state);
    expect(result.user).toMatchObject({
      id: ADMIN_ID,
      email: ADMIN_EMAIL,
      emailVerified: true,
      givenName: 'Ada',
    });
    expect(result.refreshToken).toBeTruthy();

    const access = decodeJwtPayload(result.accessToken);
    expect(access).toMatchObject({
      iss: t.emulator.url,
      aud: [t.emulator.clientId],
      sub: ADMIN_ID,
      oid: ACME,
      client_id: t.emulator.clientId,
      roles: ['admin'],
      scope: 'openid profile email offline_access',
      scopes: ['openid', 'profile', 'email', 'offline_access'],
    });
    expect(access.sid).toMatch(/^ses_/);
    expect(access.permissions).toContain('members:invite');
    for (const claim of ['exp', 'iat', 'nbf', 'jti']) expect(access[claim]).toBeDefined();

    const id = decodeJwtPayload(result.idToken);
    expect(id).toMatchObject({
      aud: [t.emulator.clientId],
      azp: t.emulator.clientId,
      client_id: t.emulator.clientId,
      email: ADMIN_EMAIL,
      email_verified: true,
      given_name: 'Ada',
      family_name: 'Admin',
      nonce: 'n-123',
      oid: ACME,
      sid: access.sid,
    });
    for (const claim of ['at_hash', 'c_hash', 'exp', 'iat', 'name'])
      expect(id[claim]).toBeDefined();
  });

  it('validates its access tokens with issuer, audience and required scopes', async () => {
    const { accessToken } = await signInWithSdk(t, ADMIN_EMAIL);
    const issuer = t.emulator.url;
    const audience = [t.emulator.clientId];
    await expect(t.sdk.validateAccessToken(accessToken, { issuer, audience })).resolves.toBe(true);
    await expect(
      t.sdk.validateAccessToken(accessToken, {
        issuer,
        audience,
        requiredScopes: ['email', 'offline_access'],
      }),
    ).resolves.toBe(true);
    const claims = await t.sdk.validateToken<Record<string, unknown>>(accessToken, {
      issuer,
      audience,
    });
    expect(claims.oid).toBe(ACME);

    await expect(
      t.sdk.validateAccessToken(accessToken, { issuer: 'https://other.example' }),
    ).resolves.toBe(false);
    await expect(t.sdk.validateAccessToken(accessToken, { audience: ['skc_other'] })).resolves.toBe(
      false,
    );
    await expect(
      t.sdk.validateAccessToken(accessToken, { requiredScopes: ['admin:everything'] }),
    ).resolves.toBe(false);
    const [head, body, signature] = accessToken.split('.');
    const forged = `${head}.${Buffer.from(JSON.stringify({ ...decodeJwtPayload(accessToken), roles: ['owner'] })).toString('base64url')}.${signature}`;
    expect(body).toBeTruthy();
    await expect(t.sdk.validateAccessToken(forged)).resolves.toBe(false);
  });

  it('rotates refresh tokens, refuses a reused one and revokes its whole family', async () => {
    const first = await signInWithSdk(t, ADMIN_EMAIL);
    const second = await t.sdk.refreshAccessToken(first.refreshToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(decodeJwtPayload(second.accessToken).sub).toBe(ADMIN_ID);

    await expect(t.sdk.refreshAccessToken(first.refreshToken)).rejects.toThrow(/Failed to refresh/);
    // The reuse revoked the family: the newest token is dead too.
    await expect(t.sdk.refreshAccessToken(second.refreshToken)).rejects.toThrow(
      /Failed to refresh/,
    );
  });

  it('puts the current roles into the next token after a role change', async () => {
    const signedIn = await signInWithSdk(t, 'member+sktest@acme.test');
    expect(decodeJwtPayload(signedIn.accessToken).roles).toEqual(['member']);
    await t.sdk.user.updateMembership(ACME, signedIn.user.id, { roles: ['admin'] });
    const refreshed = await t.sdk.refreshAccessToken(signedIn.refreshToken);
    expect(decodeJwtPayload(refreshed.accessToken).roles).toEqual(['admin']);
    await t.sdk.user.updateMembership(ACME, signedIn.user.id, { roles: ['member'] });
  });

  it('accepts the SDK logout URL, returns to the registered page and ends the session', async () => {
    const signedIn = await signInWithSdk(t, ADMIN_EMAIL);
    const logoutUrl = t.sdk.getLogoutUrl({
      idTokenHint: signedIn.idToken,
      postLogoutRedirectUri: POST_LOGOUT_URI,
      state: 'bye',
    });
    const jar = signedIn.page.cookieJar;
    const response = await fetch(logoutUrl, {
      redirect: 'manual',
      headers: { cookie: jar.header() ?? '' },
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`${POST_LOGOUT_URI}?state=bye`);
    // The session ended, so its refresh tokens are refused.
    await expect(t.sdk.refreshAccessToken(signedIn.refreshToken)).rejects.toThrow();
  });

  it('refuses a post-logout URI that is not registered with an error page', async () => {
    const signedIn = await signInWithSdk(t, ADMIN_EMAIL);
    const response = await fetch(
      t.sdk.getLogoutUrl({
        idTokenHint: signedIn.idToken,
        postLogoutRedirectUri: 'https://evil.example/',
      }),
      { redirect: 'manual' },
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('not registered');
    expect(REDIRECT_URI).toBeTruthy();
  });
});
