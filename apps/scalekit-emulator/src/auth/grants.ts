// Authorization codes, grants (one per code: the refresh token family) and rotating refresh
// tokens. Reusing a code or a refresh token revokes everything minted from that grant.
import type Database from 'better-sqlite3';
import { randomId, randomToken, sha256Hex } from './crypto.js';
import { prepared } from './statements.js';

export interface CodeRow {
  code_hash: string;
  client_id: string;
  redirect_uri: string;
  user_id: string;
  organization_id: string;
  session_id: string;
  scope: string;
  nonce: string | null;
  code_challenge: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface GrantRow {
  id: string;
  code_hash: string;
  client_id: string;
  user_id: string;
  organization_id: string;
  session_id: string;
  scope: string;
  created_at: number;
  revoked_at: number | null;
}

export interface NewCode {
  clientId: string;
  redirectUri: string;
  userId: string;
  organizationId: string;
  sessionId: string;
  scope: string;
  nonce: string | null;
  codeChallenge: string | null;
}

export type CodeLookup =
  { kind: 'unknown' } | { kind: 'reused'; row: CodeRow } | { kind: 'fresh'; row: CodeRow };

export type RefreshLookup =
  | { kind: 'unknown' }
  | { kind: 'reused'; grant: GrantRow }
  | { kind: 'expired'; grant: GrantRow }
  | { kind: 'revoked'; grant: GrantRow }
  | { kind: 'fresh'; grant: GrantRow };

export class GrantStore {
  constructor(private readonly db: Database.Database) {}

  createCode(input: NewCode, nowMs: number, ttlSeconds: number): string {
    const code = randomToken();
    prepared(
      this.db,
      `INSERT INTO auth_codes (code_hash, client_id, redirect_uri, user_id, organization_id,
          session_id, scope, nonce, code_challenge, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      sha256Hex(code),
      input.clientId,
      input.redirectUri,
      input.userId,
      input.organizationId,
      input.sessionId,
      input.scope,
      input.nonce,
      input.codeChallenge,
      nowMs,
      nowMs + ttlSeconds * 1000,
    );
    return code;
  }

  /** Marks the code used on first presentation; a second presentation revokes its grant. */
  consumeCode(code: string, nowMs: number): CodeLookup {
    return this.db.transaction((): CodeLookup => {
      const row = prepared(this.db, 'SELECT * FROM auth_codes WHERE code_hash = ?').get(
        sha256Hex(code),
      ) as CodeRow | undefined;
      if (!row) return { kind: 'unknown' };
      if (row.used_at !== null) {
        prepared(
          this.db,
          'UPDATE auth_grants SET revoked_at = ? WHERE code_hash = ? AND revoked_at IS NULL',
        ).run(nowMs, row.code_hash);
        return { kind: 'reused', row };
      }
      prepared(this.db, 'UPDATE auth_codes SET used_at = ? WHERE code_hash = ?').run(
        nowMs,
        row.code_hash,
      );
      return { kind: 'fresh', row };
    })();
  }

  createGrant(code: CodeRow, nowMs: number): GrantRow {
    const grant: GrantRow = {
      id: randomId('grt'),
      code_hash: code.code_hash,
      client_id: code.client_id,
      user_id: code.user_id,
      organization_id: code.organization_id,
      session_id: code.session_id,
      scope: code.scope,
      created_at: nowMs,
      revoked_at: null,
    };
    prepared(
      this.db,
      `INSERT INTO auth_grants (id, code_hash, client_id, user_id, organization_id, session_id,
          scope, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      grant.id,
      grant.code_hash,
      grant.client_id,
      grant.user_id,
      grant.organization_id,
      grant.session_id,
      grant.scope,
      nowMs,
    );
    return grant;
  }

  recordAccessToken(jti: string, grantId: string, expiresAtMs: number): void {
    prepared(
      this.db,
      'INSERT INTO auth_access_tokens (jti, grant_id, expires_at) VALUES (?, ?, ?)',
    ).run(jti, grantId, expiresAtMs);
  }

  /** The grant behind an access token, if the token was minted here and is not revoked. */
  liveGrantOfAccessToken(jti: string): GrantRow | undefined {
    return prepared(
      this.db,
      `SELECT g.* FROM auth_access_tokens t JOIN auth_grants g ON g.id = t.grant_id
         WHERE t.jti = ? AND g.revoked_at IS NULL`,
    ).get(jti) as GrantRow | undefined;
  }

  issueRefreshToken(grantId: string, nowMs: number, ttlSeconds: number): string {
    const token = randomToken();
    prepared(
      this.db,
      'INSERT INTO auth_refresh_tokens (token_hash, grant_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    ).run(sha256Hex(token), grantId, nowMs, nowMs + ttlSeconds * 1000);
    return token;
  }

  /** Marks a refresh token used (rotation); presenting a used one revokes the family. */
  useRefreshToken(token: string, nowMs: number): RefreshLookup {
    return this.db.transaction((): RefreshLookup => {
      const row = prepared(
        this.db,
        `SELECT r.token_hash, r.expires_at, r.used_at, g.* FROM auth_refresh_tokens r
           JOIN auth_grants g ON g.id = r.grant_id WHERE r.token_hash = ?`,
      ).get(sha256Hex(token)) as
        (GrantRow & { token_hash: string; expires_at: number; used_at: number | null }) | undefined;
      if (!row) return { kind: 'unknown' };
      const grant: GrantRow = {
        id: row.id,
        code_hash: row.code_hash,
        client_id: row.client_id,
        user_id: row.user_id,
        organization_id: row.organization_id,
        session_id: row.session_id,
        scope: row.scope,
        created_at: row.created_at,
        revoked_at: row.revoked_at,
      };
      if (row.used_at !== null) {
        this.revokeGrant(grant.id, nowMs);
        return { kind: 'reused', grant };
      }
      if (grant.revoked_at !== null) return { kind: 'revoked', grant };
      if (row.expires_at <= nowMs) return { kind: 'expired', grant };
      prepared(this.db, 'UPDATE auth_refresh_tokens SET used_at = ? WHERE token_hash = ?').run(
        nowMs,
        row.token_hash,
      );
      return { kind: 'fresh', grant };
    })();
  }

  revokeGrant(grantId: string, nowMs: number): void {
    prepared(
      this.db,
      'UPDATE auth_grants SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
    ).run(nowMs, grantId);
  }

  revokeForMembership(userId: string, organizationId: string, nowMs: number): void {
    prepared(
      this.db,
      `UPDATE auth_grants SET revoked_at = ?
         WHERE user_id = ? AND organization_id = ? AND revoked_at IS NULL`,
    ).run(nowMs, userId, organizationId);
  }

  revokeForUser(userId: string, nowMs: number): void {
    prepared(
      this.db,
      'UPDATE auth_grants SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL',
    ).run(nowMs, userId);
  }

  revokeForSession(sessionId: string, nowMs: number): void {
    prepared(
      this.db,
      'UPDATE auth_grants SET revoked_at = ? WHERE session_id = ? AND revoked_at IS NULL',
    ).run(nowMs, sessionId);
  }
}
