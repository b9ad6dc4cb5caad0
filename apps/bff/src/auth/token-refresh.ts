// Refreshes a session's access token shortly before it expires, once per session even under
// concurrent requests: an in-process single-flight joins callers on this instance, and a
// short store lock (Redis SET NX PX with several instances) elects one refresher across
// instances while the others wait and re-read the session. Both are keyed by the session's
// token key, which survives id rotation.
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../errors/app-error.js';
import { ScalekitCallError, type CallScalekit } from '../errors/scalekit-call-error.js';
import type { SessionRecord, SessionTokens } from '../session/session-record.js';
import type { SessionStore } from '../session/session-store.js';
import type { SessionTimeouts } from '../session/session-timeouts.js';
import { refreshAtFor, type TokenVerifier } from './token-claims.js';

export type RefreshOutcome = { status: 'refreshed'; record: SessionRecord } | { status: 'ended' };

export interface TokenRefresherOptions {
  store: SessionStore;
  timeouts: SessionTimeouts;
  callScalekit: CallScalekit;
  verifier: TokenVerifier;
  leewayMs: number;
  /** Budget of one Scalekit call; bounds the lock lifetime and how long waiters wait. */
  scalekitTimeoutMs: number;
  /** Observes every refresh grant sent to Scalekit (metrics, tests). */
  onRefreshGrant?: (sessionId: string) => void;
}

const POLL_MS = 25;

function sameRoles(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((role) => b.includes(role));
}

export class TokenRefresher {
  private readonly inflight = new Map<string, Promise<RefreshOutcome>>();
  private readonly options: TokenRefresherOptions;

  constructor(options: TokenRefresherOptions) {
    this.options = options;
  }

  needsRefresh(record: SessionRecord, now = Date.now()): boolean {
    return now >= record.refreshAt;
  }

  /** Refreshes the access token of the session under `sessionId` (whose record is `record`). */
  ensureFresh(sessionId: string, record: SessionRecord): Promise<RefreshOutcome> {
    const key = record.tokenKey;
    let pending = this.inflight.get(key);
    if (pending === undefined) {
      pending = this.refreshOnce(sessionId, key).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  private async refreshOnce(sessionId: string, tokenKey: string): Promise<RefreshOutcome> {
    const { store, scalekitTimeoutMs } = this.options;
    const lockKey = `refresh:${tokenKey}`;
    const lockTtlMs = scalekitTimeoutMs * 2 + 1000;
    const giveUpAt = Date.now() + lockTtlMs + scalekitTimeoutMs;
    for (;;) {
      const lock = await store.acquireLock(lockKey, lockTtlMs);
      if (lock !== undefined) {
        try {
          return await this.refreshHoldingLock(sessionId);
        } finally {
          await store.releaseLock(lockKey, lock).catch(() => undefined);
        }
      }
      // Another instance is refreshing: wait for its result to land in the store.
      await sleep(POLL_MS);
      const current = await store.load(sessionId);
      if (current === undefined) return { status: 'ended' };
      if (!this.needsRefresh(current.record))
        return { status: 'refreshed', record: current.record };
      if (Date.now() > giveUpAt) {
        throw new AppError('identity_unavailable', 'Token refresh did not complete in time.');
      }
    }
  }

  private async refreshHoldingLock(sessionId: string): Promise<RefreshOutcome> {
    const { store, timeouts, callScalekit, verifier, leewayMs } = this.options;
    // Re-read under the lock: another instance may have refreshed since this request read.
    const stored = await store.load(sessionId);
    if (stored === undefined) return { status: 'ended' };
    const current = stored.record;
    if (!this.needsRefresh(current)) return { status: 'refreshed', record: current };
    const id = stored.movedTo ?? sessionId;
    const tokens = await store.getTokens(id);
    if (tokens === undefined) return { status: 'ended' };
    this.options.onRefreshGrant?.(sessionId);
    let refreshed: { accessToken: string; refreshToken: string };
    try {
      refreshed = await callScalekit((client) => client.refreshAccessToken(tokens.refreshToken));
    } catch (error) {
      if (error instanceof ScalekitCallError && error.kind === 'invalid_grant') {
        // The refresh token is dead (revoked, reused, membership removed): end the session.
        await store.end(id);
        await store.dropTokens(current.tokenKey);
        return { status: 'ended' };
      }
      throw error;
    }
    const claims = await verifier.verifyAccessToken(refreshed.accessToken);
    const record: SessionRecord = {
      ...current,
      roles: claims.roles,
      permissions: claims.permissions,
      accessExpiresAt: claims.expiresAt,
      refreshAt: refreshAtFor(claims, leewayMs),
      // A role change rotates the session id (bff-security.md, session fixation).
      ...(sameRoles(claims.roles, current.roles) ? {} : { rotate: true as const }),
    };
    const newTokens: SessionTokens = {
      ...tokens,
      accessToken: refreshed.accessToken,
      refreshToken: refreshed.refreshToken,
      ...(claims.sid === '' ? {} : { scalekitSessionId: claims.sid }),
    };
    await store.putTokens(current.tokenKey, newTokens, timeouts.tokensTtlMs(record));
    await store.save(id, record);
    return { status: 'refreshed', record };
  }
}
