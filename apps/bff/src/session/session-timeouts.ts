// Idle and absolute timeouts of a session, decided on the server from its record: whether it
// is live, expired or due for an idle-clock touch, and how long the store may keep it.
import type { SessionRecord } from './session-record.js';

export type SessionState = 'live' | 'touch' | 'expired';

export class SessionTimeouts {
  readonly idleMs: number;
  readonly absoluteMs: number;
  /**
   * Rewriting lastSeenAt on every request would cost a store write per read; once a minute (or a
   * tenth of the idle timeout when shorter) keeps the idle clock accurate enough.
   */
  readonly touchIntervalMs: number;

  constructor(options: { idleTimeoutSeconds: number; absoluteTimeoutSeconds: number }) {
    this.idleMs = options.idleTimeoutSeconds * 1000;
    this.absoluteMs = options.absoluteTimeoutSeconds * 1000;
    this.touchIntervalMs = Math.min(60_000, Math.floor(this.idleMs / 10));
  }

  stateOf(record: SessionRecord, now = Date.now()): SessionState {
    if (now >= record.absoluteExpiresAt || now >= record.lastSeenAt + this.idleMs) return 'expired';
    return now - record.lastSeenAt >= this.touchIntervalMs ? 'touch' : 'live';
  }

  /** When the session ends if nothing happens: the earlier of the idle and absolute ends. */
  idleExpiresAt(record: SessionRecord): number {
    return Math.min(record.lastSeenAt + this.idleMs, record.absoluteExpiresAt);
  }

  /** How long the store may keep the record. */
  ttlMs(record: SessionRecord, now = Date.now()): number {
    return Math.max(1, this.idleExpiresAt(record) - now);
  }

  /** How long the store may keep the tokens: the session cannot outlive its absolute end. */
  tokensTtlMs(record: SessionRecord, now = Date.now()): number {
    return Math.max(1, record.absoluteExpiresAt - now);
  }

  timesForNewSession(
    now: number,
  ): Pick<SessionRecord, 'createdAt' | 'lastSeenAt' | 'absoluteExpiresAt'> {
    return { createdAt: now, lastSeenAt: now, absoluteExpiresAt: now + this.absoluteMs };
  }
}
