// The session API (getSession, getUserSessions, revokeSession, revokeAllUserSessions) over the
// emulator's own sign-in sessions. Revoking ends the session at once: its refresh tokens fail
// with invalid_grant, /userinfo refuses its access tokens, and its browser cookie stops working.
import type Database from 'better-sqlite3';
import type { Directory, Events } from '../domain.js';
import { userEventData } from '../auth/event-data.js';
import type { SessionStore } from '../auth/sessions.js';
import { failedPrecondition, invalidArgument, notFound } from '../directory/errors.js';
import { readCursor, toPage, type Page, type PageRequest } from '../directory/paging.js';
import { describeDevice, type Device } from './device.js';

export type SessionStatus = 'active' | 'expired' | 'revoked' | 'logout';
const STATUSES: readonly SessionStatus[] = ['active', 'expired', 'revoked', 'logout'];

export interface SessionDetails {
  sessionId: string;
  userId: string;
  organizationId: string | null; // the organization entered last
  authenticatedOrganizations: string[];
  authenticatedClients: { clientId: string; organizationId: string }[];
  createdAt: Date;
  updatedAt: Date;
  lastActiveAt: Date;
  absoluteExpiresAt: Date;
  idleExpiresAt: Date | null; // when the organization's session policy has an idle timeout
  expiredAt: Date | null; // timeout or revocation
  logoutAt: Date | null;
  status: SessionStatus;
  device: Device;
}

export interface SessionFilter {
  statuses: string[]; // any case; empty = all
  startTime?: Date; // created at or after
  endTime?: Date; // created at or before
}

interface DetailsRow {
  seq: number;
  id: string;
  user_id: string;
  organization_id: string | null;
  created_at: number;
  expires_at: number;
  ended_at: number | null;
  end_reason: string | null;
  user_agent: string | null;
  ip: string | null;
  last_active_at: number | null;
  idle_ms: number | null;
  status: SessionStatus;
}

// The status is computed in SQL so that filtering and counting happen in the database. @idle is
// a JSON object of idle timeouts (ms) by organization: a session idle past its organization's
// timeout has expired, as its refresh tokens have.
const IDLE_MS = `json_extract(@idle, '$."' || organization_id || '"')`;
const SELECT_DETAILS = `SELECT rowid AS seq, id, user_id, organization_id, created_at, expires_at,
    ended_at, end_reason, user_agent, ip, last_active_at, ${IDLE_MS} AS idle_ms,
    CASE WHEN end_reason = 'logout' THEN 'logout'
         WHEN ended_at IS NOT NULL THEN 'revoked'
         WHEN expires_at <= @now THEN 'expired'
         WHEN COALESCE(last_active_at, created_at) + ${IDLE_MS} <= @now THEN 'expired'
         ELSE 'active' END AS status
  FROM auth_sessions`;

export class UserSessions {
  constructor(
    private readonly deps: {
      db: Database.Database;
      directory: Directory;
      sessions: SessionStore;
      events: Events;
      now: () => Date;
    },
  ) {}

  get(sessionId: string): SessionDetails {
    const row = this.deps.db
      .prepare<[Record<string, unknown>], DetailsRow>(`${SELECT_DETAILS} WHERE id = @id`)
      .get({ id: sessionId, now: this.nowMs(), idle: this.idleTimeouts('id', sessionId) });
    if (row === undefined) throw notFound(`session ${sessionId} not found`);
    return this.toDetails(row);
  }

  /** The user's sessions, oldest first; default page size 10 (Scalekit leaves it to the server). */
  listForUser(userId: string, filter: SessionFilter, request: PageRequest): Page<SessionDetails> {
    this.requireUser(userId);
    const statuses = filter.statuses.map((status) => {
      const lower = status.trim().toLowerCase();
      if (!(STATUSES as readonly string[]).includes(lower)) {
        throw invalidArgument(
          `filter.status "${status}" is not one of ${STATUSES.join(', ')} (any case)`,
        );
      }
      return lower;
    });
    const kind = `sessions:${userId}`;
    const cursor = readCursor(kind, request);
    const params = {
      user: userId,
      now: this.nowMs(),
      idle: this.idleTimeouts('user_id', userId),
      statuses: JSON.stringify(statuses),
      anyStatus: statuses.length === 0 ? 1 : 0,
      start: filter.startTime?.getTime() ?? null,
      end: filter.endTime?.getTime() ?? null,
      after: cursor.afterSeq,
      limit: cursor.limit + 1,
    };
    const filtered = `SELECT * FROM (${SELECT_DETAILS} WHERE user_id = @user)
      WHERE (@anyStatus = 1 OR status IN (SELECT value FROM json_each(@statuses)))
        AND (@start IS NULL OR created_at >= @start) AND (@end IS NULL OR created_at <= @end)`;
    const rows = this.deps.db
      .prepare<[typeof params], DetailsRow>(
        `${filtered} AND seq > @after ORDER BY seq LIMIT @limit`,
      )
      .all(params);
    const total = this.deps.db
      .prepare<[typeof params], { n: number }>(`SELECT COUNT(*) AS n FROM (${filtered})`)
      .get(params);
    return toPage(kind, cursor, rows, total?.n ?? 0, (row) => this.toDetails(row));
  }

  /** Irreversible; only an active session can be revoked. */
  revoke(sessionId: string): SessionDetails {
    const session = this.get(sessionId);
    if (session.status !== 'active') {
      throw failedPrecondition(`session ${sessionId} is not active (${session.status})`);
    }
    this.end(session);
    return this.get(sessionId);
  }

  /** Revokes every active session of the user; the others stay as they are. */
  revokeAll(userId: string): SessionDetails[] {
    this.requireUser(userId);
    const active = this.deps.db
      .prepare<[Record<string, unknown>], DetailsRow>(
        `SELECT * FROM (${SELECT_DETAILS} WHERE user_id = @user) WHERE status = 'active' ORDER BY seq`,
      )
      .all({ user: userId, now: this.nowMs(), idle: this.idleTimeouts('user_id', userId) });
    return active.map((row) => {
      this.end(this.toDetails(row));
      return this.get(row.id);
    });
  }

  private end(session: SessionDetails): void {
    this.deps.sessions.end(session.sessionId, this.nowMs(), 'revoked');
    const user = this.deps.directory.getUser(session.userId);
    // A revoked session is a terminated one: Scalekit announces it as a logout.
    if (user) {
      this.deps.events.emit('user.logout', session.organizationId, 'User', {
        user: userEventData(user),
        session_id: session.sessionId,
      });
    }
  }

  private toDetails(row: DetailsRow): SessionDetails {
    const clients = this.deps.db
      .prepare<[string], { client_id: string; organization_id: string }>(
        'SELECT client_id, organization_id FROM auth_session_clients WHERE session_id = ? ORDER BY created_at, rowid',
      )
      .all(row.id);
    const lastActiveAt = row.last_active_at ?? row.created_at;
    const endedAt = row.ended_at;
    const idleExpiresAt = row.idle_ms === null ? null : lastActiveAt + row.idle_ms;
    return {
      sessionId: row.id,
      userId: row.user_id,
      organizationId: row.organization_id,
      authenticatedOrganizations: [...new Set(clients.map((client) => client.organization_id))],
      authenticatedClients: clients.map((client) => ({
        clientId: client.client_id,
        organizationId: client.organization_id,
      })),
      createdAt: new Date(row.created_at),
      updatedAt: new Date(Math.max(lastActiveAt, endedAt ?? 0)),
      lastActiveAt: new Date(lastActiveAt),
      absoluteExpiresAt: new Date(row.expires_at),
      idleExpiresAt: idleExpiresAt === null ? null : new Date(idleExpiresAt),
      expiredAt:
        row.status === 'revoked' && endedAt !== null
          ? new Date(endedAt)
          : row.status === 'expired'
            ? new Date(Math.min(row.expires_at, idleExpiresAt ?? row.expires_at))
            : null,
      logoutAt: row.status === 'logout' && endedAt !== null ? new Date(endedAt) : null,
      status: row.status,
      device: describeDevice(row.user_agent ?? '', row.ip ?? ''),
    };
  }

  /** Idle timeouts (ms) of the organizations the sessions entered, as JSON for the query. */
  private idleTimeouts(column: 'id' | 'user_id', value: string): string {
    const organizations = this.deps.db
      .prepare<[string], { organization_id: string }>(
        `SELECT DISTINCT organization_id FROM auth_sessions
           WHERE ${column} = ? AND organization_id IS NOT NULL`,
      )
      .all(value);
    const timeouts: Record<string, number> = {};
    for (const { organization_id: organizationId } of organizations) {
      const idle = this.deps.directory.organizationSessionLimits(organizationId)?.idleSeconds;
      if (idle !== null && idle !== undefined) timeouts[organizationId] = idle * 1000;
    }
    return JSON.stringify(timeouts);
  }

  private requireUser(userId: string): void {
    if (userId.trim() === '') throw invalidArgument('user_id is required');
    if (this.deps.directory.getUser(userId) === undefined) {
      throw notFound(`user ${userId} not found`);
    }
  }

  private nowMs(): number {
    return this.deps.now().getTime();
  }
}
