// Reads the claims the BFF needs from Scalekit's tokens, after verifying their signature
// with the SDK (JWKS from the environment's `keys` endpoint).
import type { CallScalekit } from '../errors/scalekit-call-error.js';

export interface AccessClaims {
  sub: string;
  oid: string;
  /** Scalekit's session id ('' when the token carries none). */
  sid: string;
  roles: string[];
  permissions: string[];
  /** Epoch milliseconds. */
  issuedAt: number;
  expiresAt: number;
}

export interface IdClaims {
  sub: string;
  email: string;
  emailVerified: boolean;
  name: string;
  givenName: string;
  familyName: string;
  nonce: string | undefined;
  oid: string | undefined;
}

type Claims = Record<string, unknown>;

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

export function accessClaimsOf(payload: Claims): AccessClaims {
  const exp = typeof payload.exp === 'number' ? payload.exp : 0;
  const iat = typeof payload.iat === 'number' ? payload.iat : exp;
  return {
    sub: str(payload.sub),
    oid: str(payload.oid),
    sid: str(payload.sid),
    roles: strings(payload.roles),
    permissions: strings(payload.permissions),
    issuedAt: iat * 1000,
    expiresAt: exp * 1000,
  };
}

export function idClaimsOf(payload: Claims): IdClaims {
  const given = str(payload.given_name);
  const family = str(payload.family_name);
  return {
    sub: str(payload.sub),
    email: str(payload.email),
    emailVerified: payload.email_verified === true,
    name: str(payload.name) || [given, family].filter(Boolean).join(' '),
    givenName: given,
    familyName: family,
    nonce: typeof payload.nonce === 'string' ? payload.nonce : undefined,
    oid: typeof payload.oid === 'string' ? payload.oid : undefined,
  };
}

export interface TokenVerifier {
  /** Verifies signature, `iss`, `aud` and expiry of an id_token. */
  verifyIdToken(token: string): Promise<IdClaims>;
  /** Verifies signature, `iss` and expiry of an access token issued to this client. */
  verifyAccessToken(token: string): Promise<AccessClaims>;
}

export function createTokenVerifier(
  callScalekit: CallScalekit,
  options: { issuer: string; clientId: string },
): TokenVerifier {
  return {
    async verifyIdToken(token) {
      const payload = await callScalekit((client) =>
        client.validateToken<Claims>(token, {
          issuer: options.issuer,
          audience: [options.clientId],
        }),
      );
      return idClaimsOf(payload);
    },
    async verifyAccessToken(token) {
      const payload = await callScalekit((client) =>
        client.validateToken<Claims>(token, { issuer: options.issuer }),
      );
      return accessClaimsOf(payload);
    },
  };
}

/**
 * When to refresh: `leeway` before expiry, but never earlier than half-way through the
 * token's life (so a short-lived token is not refreshed on every request).
 */
export function refreshAtFor(
  claims: Pick<AccessClaims, 'issuedAt' | 'expiresAt'>,
  leewayMs: number,
): number {
  const lifetime = Math.max(0, claims.expiresAt - claims.issuedAt);
  return claims.expiresAt - Math.min(leewayMs, Math.floor(lifetime / 2));
}
