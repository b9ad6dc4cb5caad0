// Bounded in-process session store for a single BFF instance: an LRU with a maximum number of
// entries and a per-entry expiry, so memory stays flat whatever the traffic.
import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { SessionStore } from './session-store.js';
import type { LoginTransaction, SessionMeta, SessionTokens } from './session-types.js';

interface Entry {
  meta: SessionMeta;
  tokens: SessionTokens;
}

export class MemorySessionStore implements SessionStore {
  readonly kind = 'memory' as const;
  private readonly sessions: LRUCache<string, Entry>;
  private readonly transactions: LRUCache<string, LoginTransaction>;
  private readonly locks = new Map<string, { token: string; expiresAt: number }>();

  constructor(options: { maxEntries: number }) {
    // Records are replaced whole and never mutated in place, so sharing objects is safe.
    this.sessions = new LRUCache({
      max: options.maxEntries,
      ttlAutopurge: false,
      allowStale: false,
    });
    this.transactions = new LRUCache({ max: Math.max(1000, Math.floor(options.maxEntries / 5)) });
  }

  peekMeta(id: string): SessionMeta | undefined {
    return this.sessions.get(id)?.meta;
  }

  getMeta(id: string): Promise<SessionMeta | undefined> {
    return Promise.resolve(this.peekMeta(id));
  }

  getTokens(id: string): Promise<SessionTokens | undefined> {
    return Promise.resolve(this.sessions.get(id)?.tokens);
  }

  save(id: string, meta: SessionMeta, tokens: SessionTokens, ttlMs: number): Promise<void> {
    this.sessions.set(id, { meta, tokens }, { ttl: ttlMs });
    return Promise.resolve();
  }

  saveMeta(id: string, meta: SessionMeta, ttlMs: number): Promise<void> {
    const entry = this.sessions.get(id);
    if (entry !== undefined) this.sessions.set(id, { meta, tokens: entry.tokens }, { ttl: ttlMs });
    return Promise.resolve();
  }

  destroy(id: string): Promise<void> {
    this.sessions.delete(id);
    return Promise.resolve();
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
    this.transactions.clear();
    this.locks.clear();
    return Promise.resolve();
  }
}
