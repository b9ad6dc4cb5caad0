// Minting and checking the RS256 JWTs: user access and ID tokens with Scalekit's claims, the
// client_credentials token the SDK uses for management calls, and ID token hints at logout.
import { SignJWT, compactVerify, decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import type { ClientRegistration, EmulatorContext, Membership, User } from '../domain.js';
import { halfHash, randomId } from './crypto.js';
import type { SigningKey } from './keys.js';

export interface UserTokenInput {
  client: ClientRegistration;
  user: User;
  membership: Membership;
  sessionId: string;
  scopes: string[];
  nonce: string | null;
  code: string | null; // for c_hash when minted from an authorization code
  /** Claims a PRE_SESSION_CREATION interceptor gave this session (access token `custom_claims`). */
  customClaims?: Record<string, unknown>;
}

export interface MintedUserTokens {
  accessToken: string;
  idToken: string;
  expiresIn: number;
  jti: string;
  accessExpiresAt: Date;
}

export interface AccessTokenClaims extends JWTPayload {
  sub: string;
  jti: string;
  client_id: string;
  oid?: string;
  sid?: string;
}

export class TokenSigner {
  /** The key may still be generating (a new data directory): every use awaits it. */
  constructor(
    private readonly ctx: EmulatorContext,
    private readonly key: Promise<SigningKey>,
  ) {}

  async jwks(): Promise<{ keys: object[] }> {
    return { keys: [(await this.key).publicJwk] };
  }

  private async sign(payload: JWTPayload, issuedAt: number, ttlSeconds: number): Promise<string> {
    const key = await this.key;
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
      .setIssuer(this.ctx.settings.issuer)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ttlSeconds)
      .sign(key.privateKey);
  }

  /** The SDK's own token (client_credentials): no user, no session. */
  async mintManagementToken(
    client: ClientRegistration,
  ): Promise<{ token: string; expiresIn: number }> {
    const issuedAt = epochSeconds(this.ctx.now());
    const expiresIn = this.ctx.settings.accessTokenTtlSeconds;
    const token = await this.sign(
      {
        aud: [client.id],
        sub: client.id,
        client_id: client.id,
        nbf: issuedAt,
        jti: randomId('tkn'),
        scopes: [],
      },
      issuedAt,
      expiresIn,
    );
    return { token, expiresIn };
  }

  async mintUserTokens(input: UserTokenInput): Promise<MintedUserTokens> {
    const { client, user, membership, sessionId, scopes } = input;
    const now = this.ctx.now();
    const issuedAt = epochSeconds(now);
    const expiresIn = this.ctx.settings.accessTokenTtlSeconds;
    const jti = randomId('tkn');
    const accessToken = await this.sign(
      {
        aud: [client.id],
        sub: user.id,
        oid: membership.organizationId,
        sid: sessionId,
        client_id: client.id,
        nbf: issuedAt,
        jti,
        // Roles and permissions are read now, so a role change shows in the next token.
        roles: membership.roles,
        permissions: this.ctx.directory.permissionsForRoles(
          membership.organizationId,
          membership.roles,
        ),
        scope: scopes.join(' '),
        scopes,
        ...(input.customClaims === undefined ? {} : { custom_claims: input.customClaims }),
      },
      issuedAt,
      expiresIn,
    );
    const idClaims: JWTPayload = {
      aud: [client.id],
      azp: client.id,
      client_id: client.id,
      sub: user.id,
      oid: membership.organizationId,
      sid: sessionId,
      at_hash: halfHash(accessToken),
      email: user.email,
      email_verified: user.profile.emailVerified,
      name: displayName(user),
      given_name: user.profile.givenName,
      family_name: user.profile.familyName,
    };
    if (input.code !== null) idClaims.c_hash = halfHash(input.code);
    if (input.nonce !== null) idClaims.nonce = input.nonce;
    const idToken = await this.sign(idClaims, issuedAt, this.ctx.settings.idTokenTtlSeconds);
    return {
      accessToken,
      idToken,
      expiresIn,
      jti,
      accessExpiresAt: new Date((issuedAt + expiresIn) * 1000),
    };
  }

  /** Signature, issuer and lifetime of a token minted here; null when any check fails. */
  async verifyAccessToken(token: string): Promise<AccessTokenClaims | null> {
    try {
      const { payload } = await jwtVerify(token, (await this.key).publicKey, {
        issuer: this.ctx.settings.issuer,
        algorithms: ['RS256'],
        currentDate: this.ctx.now(),
      });
      if (
        typeof payload.sub !== 'string' ||
        typeof payload.jti !== 'string' ||
        typeof payload.client_id !== 'string'
      ) {
        return null;
      }
      return payload as AccessTokenClaims;
    } catch {
      return null;
    }
  }

  /**
   * An id_token_hint at logout may be long expired (OIDC RP-Initiated Logout allows that):
   * only the signature and issuer are checked.
   */
  async verifyIdTokenHint(token: string): Promise<JWTPayload | null> {
    try {
      await compactVerify(token, (await this.key).publicKey, { algorithms: ['RS256'] });
      const payload = decodeJwt(token);
      return payload.iss === this.ctx.settings.issuer ? payload : null;
    } catch {
      return null;
    }
  }
}

export function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

export function displayName(user: User): string {
  const joined = `${user.profile.givenName} ${user.profile.familyName}`.trim();
  return user.profile.name || joined;
}
