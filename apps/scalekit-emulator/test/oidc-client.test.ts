// An independent OIDC client (openid-client v6) against the emulator: discovery, the
// authorization code flow with PKCE, refresh and userinfo, plus the discovery document.
import * as oidc from 'openid-client';
// allowInsecureRequests is deprecated only as a warning sign: the emulator is plain HTTP on loopback.
/* eslint-disable @typescript-eslint/no-deprecated */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInThroughHostedPage } from '../src/testing/index.js';
import {
  ACME,
  ADMIN_EMAIL,
  ADMIN_ID,
  REDIRECT_URI,
  startAuthEmulator,
  type AuthTestEmulator,
} from './support/auth-fixtures.js';

let t: AuthTestEmulator;
let config: oidc.Configuration;

beforeAll(async () => {
  t = await startAuthEmulator();
  config = await oidc.discovery(
    new URL(t.emulator.url),
    t.emulator.clientId,
    t.emulator.clientSecret,
    undefined,
    { execute: [oidc.allowInsecureRequests] },
  );
});
afterAll(async () => {
  await t.close();
});

describe('openid-client', () => {
  it('discovers the endpoints, S256 PKCE and both client authentication methods', () => {
    const metadata = config.serverMetadata();
    expect(metadata).toMatchObject({
      issuer: t.emulator.url,
      authorization_endpoint: `${t.emulator.url}/oauth/authorize`,
      token_endpoint: `${t.emulator.url}/oauth/token`,
      jwks_uri: `${t.emulator.url}/keys`,
      userinfo_endpoint: `${t.emulator.url}/userinfo`,
      end_session_endpoint: `${t.emulator.url}/oidc/logout`,
      code_challenge_methods_supported: ['S256'],
      response_types_supported: ['code'],
    });
    expect(metadata.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(['client_secret_post', 'client_secret_basic']),
    );
    expect(metadata.grant_types_supported).toEqual(
      expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials']),
    );
  });

  it('completes the code flow with PKCE, refreshes, and reads userinfo', async () => {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const authorizeUrl = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI,
      scope: 'openid profile email offline_access',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const page = await signInThroughHostedPage({
      authorizeUrl: authorizeUrl.href,
      email: ADMIN_EMAIL,
    });

    const tokens = await oidc.authorizationCodeGrant(config, new URL(page.redirectUrl), {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    expect(claims).toMatchObject({ sub: ADMIN_ID, email: ADMIN_EMAIL, oid: ACME });
    expect(tokens.refresh_token).toBeTruthy();

    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token ?? '');
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);

    const userinfo = await oidc.fetchUserInfo(config, refreshed.access_token, ADMIN_ID);
    expect(userinfo).toMatchObject({ sub: ADMIN_ID, email: ADMIN_EMAIL, email_verified: true });
  });

  it('authenticates with client_secret_basic as well', async () => {
    const basic = await oidc.discovery(
      new URL(t.emulator.url),
      t.emulator.clientId,
      undefined,
      oidc.ClientSecretBasic(t.emulator.clientSecret),
      { execute: [oidc.allowInsecureRequests] },
    );
    const tokens = await oidc.clientCredentialsGrant(basic);
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    await expect(
      t.emulator.auth.verifyManagementToken(`Bearer ${tokens.access_token}`),
    ).resolves.toBe(true);
  });

  it('refuses userinfo for a token that is not a live user token', async () => {
    const management = await oidc.clientCredentialsGrant(config);
    const response = await fetch(`${t.emulator.url}/userinfo`, {
      headers: { authorization: `Bearer ${management.access_token}` },
    });
    expect(response.status).toBe(401);
    const garbage = await fetch(`${t.emulator.url}/userinfo`, {
      headers: { authorization: 'Bearer x.y.z' },
    });
    expect(garbage.status).toBe(401);
  });
});
