// Pending authorize requests while the hosted pages walk through them (email, code,
// organization). Each is bound to the browser that started it by a cookie.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Database from 'better-sqlite3';
import { randomToken, sha256Hex } from './crypto.js';
import { appendCookie, parseCookies } from './http.js';
import { prepared } from './statements.js';

/** Identifies the browser across the hosted pages (never a credential on its own). */
export const BROWSER_COOKIE = 'scalekit_emulator_browser';
const REQUEST_TTL_MS = 30 * 60 * 1000;

export interface AuthRequestRow {
  id: string;
  browser_hash: string;
  client_id: string;
  redirect_uri: string;
  scope: string;
  state: string | null;
  nonce: string | null;
  code_challenge: string | null;
  organization_id: string | null;
  prompt: string | null;
  login_hint: string | null;
  email: string | null;
  otp_hash: string | null;
  otp_expires_at: number | null;
  otp_attempts: number;
  magic_hash: string | null;
  user_id: string | null;
  session_id: string | null;
  fresh_login: number;
  created_at: number;
  expires_at: number;
  completed_at: number | null;
}

export interface NewAuthRequest {
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string | null;
  nonce: string | null;
  codeChallenge: string | null;
  organizationId: string | null;
  prompt: string | null;
  loginHint: string | null;
}

/** The browser's binding value, set on first sight (a session cookie). */
export function browserBinding(req: IncomingMessage, res: ServerResponse, secure: boolean): string {
  const existing = parseCookies(req).get(BROWSER_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{20,100}$/.test(existing)) return sha256Hex(existing);
  const value = randomToken();
  appendCookie(res, BROWSER_COOKIE, value, { maxAgeSeconds: null, secure });
  return sha256Hex(value);
}

export function requestBrowserHash(req: IncomingMessage): string | null {
  const value = parseCookies(req).get(BROWSER_COOKIE);
  return value ? sha256Hex(value) : null;
}

export class AuthRequestStore {
  constructor(private readonly db: Database.Database) {}

  create(input: NewAuthRequest, browserHash: string, nowMs: number): AuthRequestRow {
    const id = randomToken(24);
    prepared(
      this.db,
      `INSERT INTO auth_requests (id, browser_hash, client_id, redirect_uri, scope, state, nonce,
          code_challenge, organization_id, prompt, login_hint, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      browserHash,
      input.clientId,
      input.redirectUri,
      input.scope,
      input.state,
      input.nonce,
      input.codeChallenge,
      input.organizationId,
      input.prompt,
      input.loginHint,
      nowMs,
      nowMs + REQUEST_TTL_MS,
    );
    const row = this.find(id, nowMs);
    if (!row) throw new Error('authorize request vanished');
    return row;
  }

  /** A request that is neither completed nor expired. */
  find(id: string | undefined, nowMs: number): AuthRequestRow | undefined {
    if (!id) return undefined;
    const row = prepared(this.db, 'SELECT * FROM auth_requests WHERE id = ?').get(id) as
      AuthRequestRow | undefined;
    if (!row || row.completed_at !== null || row.expires_at <= nowMs) return undefined;
    return row;
  }

  startCodeStep(
    id: string,
    email: string,
    otpHash: string,
    otpExpiresAt: number,
    magicHash: string | null,
  ): void {
    prepared(
      this.db,
      `UPDATE auth_requests SET email = ?, otp_hash = ?, otp_expires_at = ?, otp_attempts = 0,
          magic_hash = ?, user_id = NULL, session_id = NULL, fresh_login = 0 WHERE id = ?`,
    ).run(email, otpHash, otpExpiresAt, magicHash, id);
  }

  countFailedAttempt(id: string): void {
    prepared(this.db, 'UPDATE auth_requests SET otp_attempts = otp_attempts + 1 WHERE id = ?').run(
      id,
    );
  }

  /** Codes and links are single-use: spent on success, dropped after too many tries. */
  clearCode(id: string): void {
    prepared(
      this.db,
      'UPDATE auth_requests SET otp_hash = NULL, otp_expires_at = NULL, magic_hash = NULL WHERE id = ?',
    ).run(id);
  }

  authenticated(id: string, userId: string, sessionId: string, freshLogin: boolean): void {
    prepared(
      this.db,
      `UPDATE auth_requests SET user_id = ?, session_id = ?, fresh_login = ?, otp_hash = NULL,
          otp_expires_at = NULL, magic_hash = NULL WHERE id = ?`,
    ).run(userId, sessionId, freshLogin ? 1 : 0, id);
  }

  rebind(id: string, browserHash: string): void {
    prepared(this.db, 'UPDATE auth_requests SET browser_hash = ? WHERE id = ?').run(
      browserHash,
      id,
    );
  }

  /** Marks the request done; false if another request already completed it. */
  complete(id: string, nowMs: number): boolean {
    return (
      prepared(
        this.db,
        'UPDATE auth_requests SET completed_at = ? WHERE id = ? AND completed_at IS NULL',
      ).run(nowMs, id).changes === 1
    );
  }
}
