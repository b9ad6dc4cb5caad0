// Bounded in-process session store for a single BFF instance: an LRU with a maximum number of
// entries and a per-entry expiry, so memory stays flat whatever the traffic. Reads answer
// without a promise (`peek`), so @fastify/session restores a session in the same tick.
import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { ENDED_ID_MEMORY_MS, type SessionStore } from './session-store.js';
import type {
  AccessChange,
  EndedSessions,
  LoginTransaction,
  SessionRecord,
  SessionTokens,
  StoredSession,
} from './session-record.js';
import type { SessionTimeouts } from './session-timeouts.js';

interface Entry {
  /** Handed out as is on every read: records are replaced whole, never mutated in place. */
  stored: StoredSession;
  accessKey: string;
  /** An admin's change of roles; it outlives saves of records read before it. */
  access?: AccessChange;
}

/** Past this many locks, expired ones are swept before taking another. */
const LOCK_SWEEP_SIZE = 1000;

const accessKeyOf = (userId: string, organizationId: string): string =>
  `${userId}:${organizationId}`;

export class MemorySessionStore implements SessionStore {
  readonly kind = 'memory' as const;
  private readonly timeouts: SessionTimeouts;
  private readonly sessions: LRUCache<string, Entry>;
  /** Ended ids: '' for good, or the id a rotation moved to (with the end of its grace). */
  private readonly ended: LRUCache<string, { movedTo: string; until: number } | ''>;
  private readonly tokens: LRUCache<string, SessionTokens>;
  private readonly byAccess = new Map<string, Set<string>>();
  private readonly transactions: LRUCache<string, LoginTransaction>;
  private readonly locks = new Map<string, { token: string; expiresAt: number }>();

  constructor(options: { maxEntries: number; timeouts: SessionTimeouts }) {
    this.timeouts = options.timeouts;
    this.sessions = new LRUCache({
      max: options.maxEntries,
      ttlAutopurge: false,
      allowStale: false,
      // Evicted, expired or deleted: the index forgets the id too.
      dispose: (entry, id, reason) => {
        if (reason !== 'set') this.unindex(entry.accessKey, id);
      },
    });
    this.ended = new LRUCache({ max: options.maxEntries, ttl: ENDED_ID_MEMORY_MS });
    this.tokens = new LRUCache({ max: options.maxEntries });
    this.transactions = new LRUCache({ max: Math.max(1000, Math.floor(options.maxEntries / 5)) });
  }

  private unindex(accessKey: string, id: string): void {
    const ids = this.byAccess.get(accessKey);
    ids?.delete(id);
    if (ids?.size === 0) this.byAccess.delete(accessKey);
  }

  peek(id: string): StoredSession | undefined {
    const entry = this.sessions.get(id);
    if (entry !== undefined) return entry.stored;
    const ended = this.ended.get(id);
    if (ended === undefined || ended === '' || Date.now() >= ended.until) return undefined;
    const moved = this.sessions.get(ended.movedTo);
    return moved === undefined
      ? undefined
      : { record: moved.stored.record, movedTo: ended.movedTo };
  }

  load(id: string): Promise<StoredSession | undefined> {
    return Promise.resolve(this.peek(id));
  }

  save(id: string, record: SessionRecord): Promise<void> {
    if (this.ended.has(id)) return Promise.resolve();
    const accessKey = accessKeyOf(record.user.id, record.organization.id);
    const access = this.sessions.get(id)?.access;
    this.write(id, record, accessKey, access, this.timeouts.ttlMs(record));
    let ids = this.byAccess.get(accessKey);
    if (ids === undefined) {
      ids = new Set();
      this.byAccess.set(accessKey, ids);
    }
    ids.add(id);
    return Promise.resolve();
  }

  private write(
    id: string,
    record: SessionRecord,
    accessKey: string,
    access: AccessChange | undefined,
    ttlMs: number,
  ): void {
    const stored =
      access === undefined
        ? { record }
        : { record: { ...record, ...access, rotate: true as const } };
    this.sessions.set(
      id,
      { stored, accessKey, ...(access === undefined ? {} : { access }) },
      { ttl: ttlMs },
    );
  }

  end(id: string): Promise<void> {
    this.ended.set(id, '');
    this.sessions.delete(id);
    return Promise.resolve();
  }

  markMoved(oldId: string, newId: string, graceMs: number): Promise<void> {
    this.ended.set(oldId, { movedTo: newId, until: Date.now() + graceMs });
    return Promise.resolve();
  }

  getTokens(id: string): Promise<SessionTokens | undefined> {
    const record = this.peek(id)?.record;
    return Promise.resolve(record === undefined ? undefined : this.tokens.get(record.tokenKey));
  }

  putTokens(tokenKey: string, tokens: SessionTokens, ttlMs: number): Promise<void> {
    this.tokens.set(tokenKey, tokens, { ttl: ttlMs });
    return Promise.resolve();
  }

  dropTokens(tokenKey: string): Promise<void> {
    this.tokens.delete(tokenKey);
    return Promise.resolve();
  }

  sessionsOf(userId: string, organizationId: string): Promise<string[]> {
    const ids = [...(this.byAccess.get(accessKeyOf(userId, organizationId)) ?? [])];
    // `has` drops entries past their expiry, which the index then forgets.
    return Promise.resolve(ids.filter((id) => this.sessions.has(id)));
  }

  async endSessionsOf(userId: string, organizationId: string): Promise<EndedSessions> {
    const ids = await this.sessionsOf(userId, organizationId);
    const scalekitSessionIds: string[] = [];
    for (const id of ids) {
      const record = this.sessions.get(id)?.stored.record;
      if (record !== undefined) {
        const sid = this.tokens.get(record.tokenKey)?.scalekitSessionId;
        if (sid !== undefined) scalekitSessionIds.push(sid);
        this.tokens.delete(record.tokenKey);
      }
      await this.end(id);
    }
    return { count: ids.length, scalekitSessionIds };
  }

  async changeAccessOf(
    userId: string,
    organizationId: string,
    change: AccessChange,
  ): Promise<number> {
    const ids = await this.sessionsOf(userId, organizationId);
    for (const id of ids) {
      const entry = this.sessions.get(id);
      if (entry === undefined) continue;
      const ttlMs = Math.max(1, this.sessions.getRemainingTTL(id));
      this.write(id, entry.stored.record, entry.accessKey, change, ttlMs);
    }
    return ids.length;
  }

  putTransaction(tx: LoginTransaction, ttlMs: number): Promise<void> {
    this.transactions.set(tx.state, tx, { ttl: ttlMs });
    return Promise.resolve();
  }

  takeTransaction(state: string): Promise<LoginTransaction | undefined> {
    const tx = this.transactions.get(state);
    this.transactions.delete(state);
    return Promise.resolve(tx);
  }

  acquireLock(key: string, ttlMs: number): Promise<string | undefined> {
    const now = Date.now();
    // Rotation claims are never released (they expire): forget expired locks now and then.
    if (this.locks.size >= LOCK_SWEEP_SIZE) {
      for (const [name, lock] of this.locks) if (lock.expiresAt <= now) this.locks.delete(name);
    }
    const held = this.locks.get(key);
    if (held !== undefined && held.expiresAt > now) return Promise.resolve(undefined);
    const token = randomUUID();
    this.locks.set(key, { token, expiresAt: now + ttlMs });
    return Promise.resolve(token);
  }

  releaseLock(key: string, token: string): Promise<void> {
    if (this.locks.get(key)?.token === token) this.locks.delete(key);
    return Promise.resolve();
  }

  ping(): Promise<boolean> {
    return Promise.resolve(true);
  }

  close(): Promise<void> {
    this.sessions.clear();
    this.ended.clear();
    this.tokens.clear();
    this.transactions.clear();
    this.locks.clear();
    return Promise.resolve();
  }
}
