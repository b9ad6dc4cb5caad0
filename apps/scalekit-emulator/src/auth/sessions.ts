// The emulator's own sign-in sessions (the `sid` claim), carried by an httpOnly cookie on the
// emulator's origin, so a second authorize skips the hosted page. Implements `Sessions`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Database from 'better-sqlite3';
import type { EmulatorContext, Sessions } from '../domain.js';
import { randomId, randomToken, sha256Hex } from './crypto.js';
import type { GrantStore } from './grants.js';
import { appendCookie, clientIp, parseCookies } from './http.js';
import { prepared } from './statements.js';

/** Distinct from any app cookie: cookies on localhost are shared across ports. */
export const SESSION_COOKIE = 'scalekit_emulator_session';

/** Stands for "no organization limit" in SQL MIN(); about 285 years. */
const MAX_SECONDS = 9e9;

export interface SessionRow {
  id: string;
  user_id: string;
  organization_id: string | null;
  preferred_organization_id: string | null;
  created_at: number;
  expires_at: number;
  ended_at: number | null;
  last_active_at: number | null;
}

/** Why a session ended: the user signed out, or it was revoked (admin, removal, reuse). */
export type EndReason = 'logout' | 'revoked';

export class SessionStore implements Sessions {
  private readonly db: Database.Database;

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly grants: GrantStore,
  ) {
    this.db = ctx.db;
  }

  private get secureCookies(): boolean {
    return this.ctx.settings.issuer.startsWith('https:');
  }

  /**
   * Starts a session and sets its cookie. A session the browser had before is only replaced
   * in the browser, not ended: tokens already minted from it stay valid.
   */
  start(
    req: IncomingMessage,
    res: ServerResponse,
    userId: string,
    preferredOrganizationId: string | null,
  ): SessionRow {
    const nowMs = this.ctx.now().getTime();
    const cookie = randomToken();
    const row: SessionRow = {
      id: randomId('ses'),
      user_id: userId,
      organization_id: null,
      preferred_organization_id: preferredOrganizationId,
      created_at: nowMs,
      expires_at: nowMs + this.ctx.settings.sessionTtlSeconds * 1000,
      ended_at: null,
      last_active_at: nowMs,
    };
    prepared(
      this.db,
      `INSERT INTO auth_sessions (id, cookie_hash, user_id, preferred_organization_id,
          created_at, expires_at, user_agent, ip, last_active_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      row.id,
      sha256Hex(cookie),
      userId,
      preferredOrganizationId,
      nowMs,
      row.expires_at,
      req.headers['user-agent'] ?? '',
      clientIp(req),
      nowMs,
    );
    appendCookie(res, SESSION_COOKIE, cookie, {
      maxAgeSeconds: this.ctx.settings.sessionTtlSeconds,
      secure: this.secureCookies,
    });
    return row;
  }

  /**
   * The live session behind the request's cookie, if any: not ended, not past its lifetime, and
   * not idle past the idle timeout of the organization it last entered (its session policy).
   */
  fromRequest(req: IncomingMessage): SessionRow | undefined {
    const cookie = parseCookies(req).get(SESSION_COOKIE);
    if (!cookie) return undefined;
    const row = prepared(this.db, 'SELECT * FROM auth_sessions WHERE cookie_hash = ?').get(
      sha256Hex(cookie),
    ) as SessionRow | undefined;
    const nowMs = this.ctx.now().getTime();
    if (!row || row.ended_at !== null || row.expires_at <= nowMs) return undefined;
    if (row.organization_id !== null) {
      const idleSeconds = this.ctx.directory.organizationSessionLimits(
        row.organization_id,
      )?.idleSeconds;
      // The same rule getSession reads as "expired": last activity plus the idle timeout.
      if (
        idleSeconds !== null &&
        idleSeconds !== undefined &&
        (row.last_active_at ?? row.created_at) + idleSeconds * 1000 <= nowMs
      ) {
        return undefined;
      }
    }
    return row;
  }

  get(id: string): SessionRow | undefined {
    return prepared(this.db, 'SELECT * FROM auth_sessions WHERE id = ?').get(id) as
      SessionRow | undefined;
  }

  /** Refresh tokens live on while the session was not ended (expiry only stops the cookie). */
  isEnded(id: string): boolean {
    const row = this.get(id);
    return !row || row.ended_at !== null;
  }

  /**
   * Records the organization and application a code was issued for; the invitation preference
   * is spent. An organization session policy stricter than the environment's shortens the
   * session here.
   */
  enteredOrganization(id: string, organizationId: string, clientId: string): void {
    const nowMs = this.ctx.now().getTime();
    const limits = this.ctx.directory.organizationSessionLimits(organizationId);
    prepared(
      this.db,
      `UPDATE auth_sessions SET organization_id = ?, preferred_organization_id = NULL,
         expires_at = MIN(expires_at, created_at + ?), last_active_at = ? WHERE id = ?`,
    ).run(organizationId, (limits?.absoluteSeconds ?? MAX_SECONDS) * 1000, nowMs, id);
    prepared(
      this.db,
      `INSERT OR IGNORE INTO auth_session_clients (session_id, client_id, organization_id, created_at)
         VALUES (?, ?, ?, ?)`,
    ).run(id, clientId, organizationId, nowMs);
  }

  /** The session was used (a refresh): last_active_at moves. */
  touch(id: string, nowMs: number): void {
    prepared(this.db, 'UPDATE auth_sessions SET last_active_at = ? WHERE id = ?').run(nowMs, id);
  }

  /**
   * Lifetime of a refresh token issued now for this session and organization: the environment's
   * refresh lifetime, cut to the organization's absolute session end and idle timeout.
   */
  refreshTtlSeconds(sessionId: string, organizationId: string, nowMs: number): number {
    const ttl = this.ctx.settings.refreshTokenTtlSeconds;
    const limits = this.ctx.directory.organizationSessionLimits(organizationId);
    const session = this.get(sessionId);
    if (limits === null || session === undefined) return ttl;
    const untilAbsolute = Math.floor(
      (session.created_at + limits.absoluteSeconds * 1000 - nowMs) / 1000,
    );
    return Math.max(0, Math.min(ttl, untilAbsolute, limits.idleSeconds ?? ttl));
  }

  clearCookie(res: ServerResponse): void {
    appendCookie(res, SESSION_COOKIE, '', { maxAgeSeconds: 0, secure: this.secureCookies });
  }

  /** Ends the session and revokes every grant minted from it (refresh tokens, userinfo). */
  end(id: string, nowMs: number, reason: EndReason): void {
    prepared(
      this.db,
      'UPDATE auth_sessions SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL',
    ).run(nowMs, reason, id);
    this.grants.revokeForSession(id, nowMs);
  }

  endForMembership(userId: string, organizationId: string): void {
    const nowMs = this.ctx.now().getTime();
    this.db.transaction(() => {
      this.grants.revokeForMembership(userId, organizationId, nowMs);
      // A session that last entered this organization ends; tokens for the user's other
      // organizations stay valid, and authorize re-checks membership on every request.
      prepared(
        this.db,
        `UPDATE auth_sessions SET ended_at = ?, end_reason = 'revoked' WHERE user_id = ?
           AND ended_at IS NULL AND (organization_id = ? OR preferred_organization_id = ?)`,
      ).run(nowMs, userId, organizationId, organizationId);
    })();
  }

  endAllForUser(userId: string): void {
    const nowMs = this.ctx.now().getTime();
    this.db.transaction(() => {
      this.grants.revokeForUser(userId, nowMs);
      prepared(
        this.db,
        "UPDATE auth_sessions SET ended_at = ?, end_reason = 'revoked' WHERE user_id = ? AND ended_at IS NULL",
      ).run(nowMs, userId);
    })();
  }
}
