// POST /oauth/token: client_credentials (the SDK's management token), authorization_code
// (single-use, short-lived, bound to client, redirect URI and PKCE) and refresh_token
// (rotating; reuse revokes the family; always reflects the membership's current roles).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClientRegistration, EmulatorContext, Membership, User } from '../domain.js';
import type { ClientRegistry } from './clients.js';
import { safeEqual, sha256Base64Url } from './crypto.js';
import type { GrantRow, GrantStore } from './grants.js';
import { readForm, sendJson, sendOAuthError, single } from './http.js';
import type { SessionStore } from './sessions.js';
import type { SessionCreationHook } from '../interceptors/session-creation.js';
import type { TokenSigner } from './tokens.js';

export interface TokenEndpointDeps {
  ctx: EmulatorContext;
  clients: ClientRegistry;
  grants: GrantStore;
  sessions: SessionStore;
  signer: TokenSigner;
  sessionCreation: SessionCreationHook;
}

class GrantError extends Error {
  constructor(
    readonly error: string,
    description: string,
    readonly status = 400,
  ) {
    super(description);
  }
}

const VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;

export function createTokenEndpoint(deps: TokenEndpointDeps) {
  const { ctx, clients, grants, sessions, signer, sessionCreation } = deps;

  function activeMembership(grant: Pick<GrantRow, 'user_id' | 'organization_id'>): {
    user: User;
    membership: Membership;
  } {
    const user = ctx.directory.getUser(grant.user_id);
    const membership = ctx.directory.getMembership(grant.organization_id, grant.user_id);
    if (!user || membership?.status !== 'ACTIVE') {
      throw new GrantError('invalid_grant', 'the user is no longer a member of this organization');
    }
    return { user, membership };
  }

  async function mintFor(
    client: ClientRegistration,
    grant: GrantRow,
    nonce: string | null,
    code: string | null,
  ): Promise<Record<string, unknown>> {
    const { user, membership } = activeMembership(grant);
    const scopes = grant.scope.split(' ').filter(Boolean);
    const minted = await signer.mintUserTokens({
      client,
      user,
      membership,
      sessionId: grant.session_id,
      scopes,
      nonce,
      code,
      customClaims: sessionCreation.claimsFor(grant.session_id, grant.organization_id),
    });
    const nowMs = ctx.now().getTime();
    grants.recordAccessToken(minted.jti, grant.id, minted.accessExpiresAt.getTime());
    const body: Record<string, unknown> = {
      access_token: minted.accessToken,
      id_token: minted.idToken,
      token_type: 'Bearer',
      expires_in: minted.expiresIn,
      scope: grant.scope,
    };
    if (scopes.includes('offline_access')) {
      body.refresh_token = grants.issueRefreshToken(
        grant.id,
        nowMs,
        sessions.refreshTtlSeconds(grant.session_id, grant.organization_id, nowMs),
      );
    }
    return body;
  }

  async function authorizationCode(
    client: ClientRegistration,
    form: URLSearchParams,
  ): Promise<Record<string, unknown>> {
    const code = single(form, 'code');
    const redirectUri = single(form, 'redirect_uri');
    const verifier = single(form, 'code_verifier');
    if (!code || redirectUri === undefined) {
      throw new GrantError('invalid_request', 'code and redirect_uri are required');
    }
    const nowMs = ctx.now().getTime();
    const lookup = grants.consumeCode(code, nowMs);
    if (lookup.kind === 'unknown') {
      throw new GrantError('invalid_grant', 'the authorization code is not valid');
    }
    if (lookup.row.client_id !== client.id) {
      throw new GrantError('invalid_grant', 'the authorization code was issued to another client');
    }
    if (lookup.kind === 'reused') {
      throw new GrantError(
        'invalid_grant',
        'the authorization code was already used; tokens minted from it are revoked',
      );
    }
    const row = lookup.row;
    if (row.expires_at <= nowMs) {
      throw new GrantError('invalid_grant', 'the authorization code has expired');
    }
    if (row.redirect_uri !== redirectUri) {
      throw new GrantError(
        'invalid_grant',
        'redirect_uri does not match the authorization request',
      );
    }
    if (row.code_challenge !== null) {
      if (!verifier || !VERIFIER_PATTERN.test(verifier)) {
        throw new GrantError('invalid_grant', 'a valid code_verifier is required');
      }
      if (!safeEqual(sha256Base64Url(verifier), row.code_challenge)) {
        throw new GrantError('invalid_grant', 'code_verifier does not match the code_challenge');
      }
    } else if (verifier !== undefined) {
      // RFC 9700: a verifier without a challenge signals a downgrade.
      throw new GrantError('invalid_grant', 'code_verifier sent but no code_challenge was used');
    }
    if (sessions.isEnded(row.session_id)) {
      throw new GrantError('invalid_grant', 'the sign-in session has ended');
    }
    activeMembership(row);
    const grant = grants.createGrant(row, nowMs);
    return mintFor(client, grant, row.nonce, code);
  }

  async function refreshToken(
    client: ClientRegistration,
    form: URLSearchParams,
  ): Promise<Record<string, unknown>> {
    const token = single(form, 'refresh_token');
    if (!token) throw new GrantError('invalid_request', 'refresh_token is required');
    const nowMs = ctx.now().getTime();
    const lookup = grants.useRefreshToken(token, nowMs);
    switch (lookup.kind) {
      case 'unknown':
        throw new GrantError('invalid_grant', 'the refresh token is not valid');
      case 'reused':
        throw new GrantError(
          'invalid_grant',
          'the refresh token was already used; its token family is revoked',
        );
      case 'revoked':
        throw new GrantError('invalid_grant', 'the refresh token has been revoked');
      case 'expired':
        throw new GrantError('invalid_grant', 'the refresh token has expired');
      case 'fresh':
        break;
    }
    const grant = lookup.grant;
    if (grant.client_id !== client.id) {
      grants.revokeGrant(grant.id, nowMs);
      throw new GrantError('invalid_grant', 'the refresh token was issued to another client');
    }
    if (sessions.isEnded(grant.session_id)) {
      throw new GrantError('invalid_grant', 'the sign-in session has ended');
    }
    sessions.touch(grant.session_id, nowMs);
    try {
      return await mintFor(client, grant, null, null);
    } catch (error) {
      // A member removed or deactivated keeps no way back in through old refresh tokens.
      if (error instanceof GrantError) grants.revokeGrant(grant.id, nowMs);
      throw error;
    }
  }

  return async function handleToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = await readForm(req);
    const auth = clients.authenticate(req, form);
    if (!auth.ok) {
      const headers: Record<string, string> =
        auth.status === 401 && auth.basic ? { 'www-authenticate': 'Basic realm="scalekit"' } : {};
      sendOAuthError(res, auth.status, auth.error, auth.description, headers);
      return;
    }
    const grantType = single(form, 'grant_type');
    try {
      let body: Record<string, unknown>;
      switch (grantType) {
        case 'client_credentials': {
          const { token, expiresIn } = await signer.mintManagementToken(auth.client);
          body = { access_token: token, token_type: 'Bearer', expires_in: expiresIn };
          break;
        }
        case 'authorization_code':
          body = await authorizationCode(auth.client, form);
          break;
        case 'refresh_token':
          body = await refreshToken(auth.client, form);
          break;
        default:
          throw new GrantError(
            grantType === undefined ? 'invalid_request' : 'unsupported_grant_type',
            grantType === undefined ? 'grant_type is required' : 'this grant type is not supported',
          );
      }
      sendJson(res, 200, body);
    } catch (error) {
      if (!(error instanceof GrantError)) throw error;
      sendOAuthError(res, error.status, error.error, error.message);
    }
  };
}
