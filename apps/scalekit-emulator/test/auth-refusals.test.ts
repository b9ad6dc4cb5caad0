// Refusals leave nothing changed: unknown client, wrong redirect URI, wrong secret, reused or
// expired codes, PKCE mismatches, reused refresh tokens, and prompt=none without a session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInThroughHostedPage } from '../src/testing/index.js';
import {
  ADMIN_EMAIL,
  REDIRECT_URI,
  countRows,
  pkce,
  postToken,
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

function authorizeUrl(params: Record<string, string>): string {
  const url = new URL('/oauth/authorize', t.emulator.url);
  for (const [key, value] of Object.entries({
    response_type: 'code',
    client_id: t.emulator.clientId,
    redirect_uri: REDIRECT_URI,
    scope: 'openid email offline_access',
    state: 's1',
    ...params,
  })) {
    url.searchParams.set(key, value);
  }
  return url.toString();
}

/** Authorize + hosted page, returning the raw code (no exchange). */
async function codeFor(challenge?: string): Promise<string> {
  const page = await signInThroughHostedPage({
    authorizeUrl: authorizeUrl(
      challenge ? { code_challenge: challenge, code_challenge_method: 'S256' } : {},
    ),
    email: ADMIN_EMAIL,
  });
  if (!page.code) throw new Error(page.redirectUrl);
  return page.code;
}

function exchange(code: string, extra: Record<string, string> = {}) {
  return postToken(t.emulator.url, {
    grant_type: 'authorization_code',
    client_id: t.emulator.clientId,
    client_secret: t.emulator.clientSecret,
    code,
    redirect_uri: REDIRECT_URI,
    ...extra,
  });
}

describe('authorize refusals', () => {
  it('shows an error page, never a redirect, for an unknown client', async () => {
    const requestsBefore = countRows(t, 'SELECT COUNT(*) AS n FROM auth_requests');
    const response = await fetch(authorizeUrl({ client_id: 'skc_unknown' }), {
      redirect: 'manual',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('Unknown application');
    expect(countRows(t, 'SELECT COUNT(*) AS n FROM auth_requests')).toBe(requestsBefore);
  });

  it('shows an error page, never a redirect, for a redirect URI that is not an exact match', async () => {
    for (const redirectUri of [
      'https://evil.example/callback',
      `${REDIRECT_URI}/`,
      `${REDIRECT_URI}?x=1`,
      REDIRECT_URI.toUpperCase(),
    ]) {
      const response = await fetch(authorizeUrl({ redirect_uri: redirectUri }), {
        redirect: 'manual',
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(await response.text()).toContain('Redirect URI not allowed');
    }
  });

  it('sends plain PKCE and a missing openid scope back as OAuth errors', async () => {
    const plain = await fetch(
      authorizeUrl({ code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' }),
      { redirect: 'manual' },
    );
    const location = new URL(plain.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe(REDIRECT_URI);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('state')).toBe('s1');

    const noOpenid = await fetch(authorizeUrl({ scope: 'email' }), { redirect: 'manual' });
    expect(new URL(noOpenid.headers.get('location') ?? '').searchParams.get('error')).toBe(
      'invalid_scope',
    );
  });

  it('answers prompt=none without a session with login_required', async () => {
    const response = await fetch(authorizeUrl({ prompt: 'none' }), { redirect: 'manual' });
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('login_required');
    expect(location.searchParams.get('state')).toBe('s1');
  });
});

describe('token endpoint refusals', () => {
  it('refuses a wrong client secret and an unknown client with invalid_client', async () => {
    const code = await codeFor();
    const wrong = await exchange(code, { client_secret: 'nope' });
    expect(wrong).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    const unknown = await postToken(t.emulator.url, {
      grant_type: 'client_credentials',
      client_id: 'skc_unknown',
      client_secret: t.emulator.clientSecret,
    });
    expect(unknown).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    // The refused attempt did not spend the code.
    expect((await exchange(code)).status).toBe(200);
  });

  it('makes the SDK fail on a wrong secret', async () => {
    const { ScalekitClient } = await import('@scalekit-sdk/node');
    const wrong = new ScalekitClient(t.emulator.url, t.emulator.clientId, 'not-the-secret');
    await expect(wrong.authenticateWithCode(await codeFor(), REDIRECT_URI)).rejects.toThrow();
  });

  it('accepts client_secret_basic', async () => {
    const basic = Buffer.from(`${t.emulator.clientId}:${t.emulator.clientSecret}`).toString(
      'base64',
    );
    const response = await postToken(
      t.emulator.url,
      { grant_type: 'client_credentials' },
      { authorization: `Basic ${basic}` },
    );
    expect(response.status).toBe(200);
    expect(response.body.token_type).toBe('Bearer');
  });

  it('refuses a reused code and revokes the tokens minted from it', async () => {
    const code = await codeFor();
    const first = await exchange(code);
    expect(first.status).toBe(200);
    const again = await exchange(code);
    expect(again).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const refresh = await postToken(t.emulator.url, {
      grant_type: 'refresh_token',
      client_id: t.emulator.clientId,
      client_secret: t.emulator.clientSecret,
      refresh_token: String(first.body.refresh_token),
    });
    expect(refresh).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const userinfo = await fetch(`${t.emulator.url}/userinfo`, {
      headers: { authorization: `Bearer ${String(first.body.access_token)}` },
    });
    expect(userinfo.status).toBe(401);
  });

  it('refuses an expired code', async () => {
    const code = await codeFor();
    t.clock.advance((t.emulator.context.settings.authCodeTtlSeconds + 1) * 1000);
    try {
      expect(await exchange(code)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    } finally {
      t.clock.advance(-(t.emulator.context.settings.authCodeTtlSeconds + 1) * 1000);
    }
  });

  it('binds the code to its redirect URI and PKCE verifier', async () => {
    const { verifier, challenge } = pkce();
    const wrongRedirect = await exchange(await codeFor(challenge), {
      code_verifier: verifier,
      redirect_uri: `${REDIRECT_URI}/`,
    });
    expect(wrongRedirect).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const wrongVerifier = await exchange(await codeFor(challenge), {
      code_verifier: pkce().verifier,
    });
    expect(wrongVerifier).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const missingVerifier = await exchange(await codeFor(challenge));
    expect(missingVerifier).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const good = await exchange(await codeFor(challenge), { code_verifier: verifier });
    expect(good.status).toBe(200);
  });

  it('issues no refresh token without offline_access', async () => {
    const { accessToken, refreshToken } = await signInWithSdk(t, ADMIN_EMAIL, {
      scopes: ['openid', 'email'],
    });
    expect(accessToken).toBeTruthy();
    expect(refreshToken).toBeUndefined();
  });

  it('refuses unknown grant types', async () => {
    const response = await postToken(t.emulator.url, {
      grant_type: 'password',
      client_id: t.emulator.clientId,
      client_secret: t.emulator.clientSecret,
    });
    expect(response).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
  });
});
