// What a server-side session holds. The hot part (`SessionMeta`) is read on every
// authenticated request and kept small; tokens are read only to refresh and to sign out.
import type { SessionUser } from '@app/contracts';

export interface SessionMeta {
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
  /**
   * Set on an old id after rotation: requests still carrying it are moved to the new id for a
   * short grace period (concurrent requests in flight), then the alias expires.
   */
  movedTo?: string;
}

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  idToken: string;
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
