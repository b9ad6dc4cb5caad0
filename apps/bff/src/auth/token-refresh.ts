// Refreshes a session's access token shortly before it expires, once per session even under
// concurrent requests: an in-process single-flight joins callers on this instance, and a
// short store lock (Redis SET NX PX with several instances) elects one refresher across
// instances while the others wait and re-read the session.
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../errors/app-error.js';
import { ScalekitCallError, type CallScalekit } from '../plugins/scalekit.js';
import type { SessionManager } from '../session/session-manager.js';
import type { SessionMeta } from '../session/session-types.js';
import { refreshAtFor, type TokenVerifier } from './token-claims.js';

export type RefreshOutcome =
  | { status: 'fresh'; meta: SessionMeta }
  /** `id` differs from the request's when the roles changed and the session id was rotated. */
  | { status: 'refreshed'; id: string; meta: SessionMeta }
  | { status: 'ended' };

export interface TokenRefresherOptions {
  sessions: SessionManager;
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

  needsRefresh(meta: SessionMeta, now = Date.now()): boolean {
    return now >= meta.refreshAt;
  }

  /** Returns a session whose access token is fresh, refreshing it if due. */
  ensureFresh(id: string, meta: SessionMeta): Promise<RefreshOutcome> {
    if (!this.needsRefresh(meta)) return Promise.resolve({ status: 'fresh', meta });
    let pending = this.inflight.get(id);
    if (pending === undefined) {
      pending = this.refreshOnce(id).finally(() => this.inflight.delete(id));
      this.inflight.set(id, pending);
    }
    return pending;
  }

  private async refreshOnce(id: string): Promise<RefreshOutcome> {
    const { sessions, scalekitTimeoutMs } = this.options;
    const store = sessions.store;
    const lockKey = `refresh:${id}`;
    const lockTtlMs = scalekitTimeoutMs * 2 + 1000;
    const giveUpAt = Date.now() + lockTtlMs + scalekitTimeoutMs;
    for (;;) {
      const lock = await store.acquireLock(lockKey, lockTtlMs);
      if (lock !== undefined) {
        try {
          return await this.refreshHoldingLock(id);
        } finally {
          await store.releaseLock(lockKey, lock).catch(() => undefined);
        }
      }
      // Another instance is refreshing: wait for its result to land in the store.
      await sleep(POLL_MS);
      const current = await sessions.resolve(id);
      if (current === undefined) return { status: 'ended' };
      if (!this.needsRefresh(current.meta)) return { status: 'refreshed', ...current };
      if (Date.now() > giveUpAt) {
        throw new AppError('identity_unavailable', 'Token refresh did not complete in time.');
      }
    }
  }

  private async refreshHoldingLock(id: string): Promise<RefreshOutcome> {
    const { sessions, callScalekit, verifier, leewayMs } = this.options;
    // Re-read under the lock: another instance may have refreshed since this request read.
    const resolved = await sessions.resolve(id);
    if (resolved === undefined) return { status: 'ended' };
    if (!this.needsRefresh(resolved.meta)) return { status: 'refreshed', ...resolved };
    const current = resolved.meta;
    const tokens = await sessions.store.getTokens(id);
    if (tokens === undefined) return { status: 'ended' };
    this.options.onRefreshGrant?.(id);
    let refreshed: { accessToken: string; refreshToken: string };
    try {
      refreshed = await callScalekit((client) => client.refreshAccessToken(tokens.refreshToken));
    } catch (error) {
      if (error instanceof ScalekitCallError && error.kind === 'invalid_grant') {
        // The refresh token is dead (revoked, reused, membership removed): end the session.
        await sessions.store.destroy(id);
        return { status: 'ended' };
      }
      throw error;
    }
    const claims = await verifier.verifyAccessToken(refreshed.accessToken);
    const meta: SessionMeta = {
      ...current,
      roles: claims.roles,
      permissions: claims.permissions,
      accessExpiresAt: claims.expiresAt,
      refreshAt: refreshAtFor(claims, leewayMs),
    };
    const newTokens = {
      ...tokens,
      accessToken: refreshed.accessToken,
      refreshToken: refreshed.refreshToken,
    };
    if (sameRoles(meta.roles, current.roles)) {
      await sessions.save(id, meta, newTokens);
      return { status: 'refreshed', id, meta };
    }
    // A role change rotates the session id (bff-security.md, session fixation).
    const newId = await sessions.moveTo(id, meta, newTokens);
    return { status: 'refreshed', id: newId, meta };
  }
}
