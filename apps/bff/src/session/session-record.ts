// What a server-side session holds. `@fastify/session` keeps one small record per session id
// (read on every authenticated request); the tokens live in a side record of the store, read
// only to refresh and to sign out, under a key that survives session id rotation.
import type { SessionUser } from '@app/contracts';

export interface SessionRecord {
  user: SessionUser;
  organization: { id: string; name: string };
  roles: string[];
  permissions: string[];
  /** Epoch milliseconds. */
  createdAt: number;
  /** Last time the idle clock was reset (written at most once per touch interval). */
  lastSeenAt: number;
  absoluteExpiresAt: number;
  /** Expiry of the current access token, cached so requests never decode it again. */
  accessExpiresAt: number;
  /** When to refresh the access token (a little before it expires). */
  refreshAt: number;
  /** Key of the tokens' side record: random, server-side only, kept across id rotation. */
  tokenKey: string;
  /** Set when the roles changed behind the session's back: its next request rotates the id. */
  rotate?: true;
}

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  idToken: string;
  /**
   * Scalekit's session behind the tokens (the access token's `sid` claim), revoked there too
   * when an admin's change ends this session. Absent in records written before it was kept.
   */
  scalekitSessionId?: string;
}

/** What ending every session of a user in an organization ended. */
export interface EndedSessions {
  count: number;
  /** Scalekit's sessions behind them, to revoke there as well. */
  scalekitSessionIds: string[];
}

/** New roles for every session of one user in one organization (an admin's change). */
export interface AccessChange {
  roles: string[];
  permissions: string[];
}

/** What the store hands @fastify/session for one id. */
export interface StoredSession {
  record: SessionRecord;
  /**
   * Set when the id asked for was rotated a moment ago: `record` is the session under this new
   * id, so requests already in flight with the old cookie carry on (the old id is never
   * written again).
   */
  movedTo?: string;
}

/** A sign-in in progress: created by /auth/login, consumed once by /api/callback. */
export interface LoginTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  /** Value of the transaction cookie of the browser that started the sign-in. */
  binding: string;
  createdAt: number;
}

declare module 'fastify' {
  /** The data @fastify/session keeps for a request (absent until sign-in). */
  interface Session {
    record?: SessionRecord;
    movedTo?: string;
    /**
     * The store could not be read: routes that need the session answer 503, the others (health,
     * static files, webhooks) go on, and the browser keeps its cookie.
     */
    storeUnavailable?: true;
  }
}
