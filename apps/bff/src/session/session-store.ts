// The contract of a session store. Two implementations exist: a bounded in-process store for
// one instance and a Redis store for several; one contract test suite runs against both.
import type { LoginTransaction, SessionMeta, SessionTokens } from './session-types.js';

export interface SessionStore {
  readonly kind: 'memory' | 'redis';
  /** The hot path: only the small metadata, never the tokens. */
  getMeta(id: string): Promise<SessionMeta | undefined>;
  /** The same read without a promise, offered only by stores that hold sessions in process. */
  peekMeta?(id: string): SessionMeta | undefined;
  getTokens(id: string): Promise<SessionTokens | undefined>;
  /** Writes both parts; `ttlMs` is how long the store may keep the session. */
  save(id: string, meta: SessionMeta, tokens: SessionTokens, ttlMs: number): Promise<void>;
  /** Rewrites the metadata only (idle touch), keeping the tokens. */
  saveMeta(id: string, meta: SessionMeta, ttlMs: number): Promise<void>;
  destroy(id: string): Promise<void>;

  putTransaction(tx: LoginTransaction, ttlMs: number): Promise<void>;
  /** Returns and deletes in one step, so a transaction is usable once even across instances. */
  takeTransaction(state: string): Promise<LoginTransaction | undefined>;

  /** A short lock (e.g. one token refresh per session); resolves a token when acquired. */
  acquireLock(key: string, ttlMs: number): Promise<string | undefined>;
  releaseLock(key: string, token: string): Promise<void>;

  ping(): Promise<boolean>;
  close(): Promise<void>;
}
