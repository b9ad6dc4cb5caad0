// The contract of a session store, and its adapter to @fastify/session's store interface. Two
// implementations exist: a bounded in-process store for one instance and a Redis store for
// several; one contract test suite runs against both. Besides what the plugin asks (get, set,
// destroy) a store keeps the tokens apart from the hot record, an index of sessions per user
// and organization (so access can end at once), single-use login transactions and short locks.
import type { Session } from 'fastify';
import type { SessionStore as PluginSessionStore } from '@fastify/session';
import type {
  AccessChange,
  EndedSessions,
  LoginTransaction,
  SessionRecord,
  SessionTokens,
  StoredSession,
} from './session-record.js';

/**
 * How long an ended id stays unwritable: longer than any request that loaded it before it
 * ended may still run, so that request's late save cannot bring the session back.
 */
export const ENDED_ID_MEMORY_MS = 10 * 60 * 1000;

export interface SessionStore {
  readonly kind: 'memory' | 'redis';
  /** The session under `id`, following a rotation still in its grace period. */
  load(id: string): Promise<StoredSession | undefined>;
  /** The same read without a promise, offered only by stores that hold sessions in process. */
  peek?(id: string): StoredSession | undefined;
  /** Writes the record and indexes it by user and organization, unless `id` was ended. */
  save(id: string, record: SessionRecord): Promise<void>;
  /** Ends `id` for good: the record goes, and no later save under it is accepted. */
  end(id: string): Promise<void>;
  /** After `oldId` ended by rotation: requests still carrying it load `newId` for `graceMs`. */
  markMoved(oldId: string, newId: string, graceMs: number): Promise<void>;

  /** The tokens of the session under `id` (read through its record). */
  getTokens(id: string): Promise<SessionTokens | undefined>;
  putTokens(tokenKey: string, tokens: SessionTokens, ttlMs: number): Promise<void>;
  dropTokens(tokenKey: string): Promise<void>;

  /** Ids of the live sessions of a user in an organization. */
  sessionsOf(userId: string, organizationId: string): Promise<string[]>;
  /**
   * Ends every session of a user in an organization, tokens included; resolves how many, and
   * the Scalekit sessions their tokens came from.
   */
  endSessionsOf(userId: string, organizationId: string): Promise<EndedSessions>;
  /**
   * Gives every session of a user in an organization new roles at once; each rotates its id on
   * its next request. A save from a request that loaded the old roles cannot undo it.
   */
  changeAccessOf(userId: string, organizationId: string, change: AccessChange): Promise<number>;

  putTransaction(tx: LoginTransaction, ttlMs: number): Promise<void>;
  /** Returns and deletes in one step, so a transaction is usable once even across instances. */
  takeTransaction(state: string): Promise<LoginTransaction | undefined>;

  /** A short lock (e.g. one token refresh per session); resolves a token when acquired. */
  acquireLock(key: string, ttlMs: number): Promise<string | undefined>;
  releaseLock(key: string, token: string): Promise<void>;

  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Records handed to the plugin so far, each frozen and fingerprinted by its identity. */
const fingerprinted = new WeakSet<SessionRecord>();
let revisions = 0;

/**
 * @fastify/session detects a change by hashing the whole session (a sorted JSON walk and a
 * SHA-256) when it restores it and again before answering. A record read from the store is
 * frozen and given a `toJSON` that names it by a revision, so both hashes cost a few bytes;
 * a guard that changes anything builds a new object (`{ ...record, lastSeenAt }`), which has
 * no such fingerprint, so its full content is hashed, differs, and the plugin saves it.
 */
export function fingerprintRecord(record: SessionRecord): SessionRecord {
  if (fingerprinted.has(record)) return record;
  revisions += 1;
  const revision = `revision ${String(revisions)}`;
  Object.defineProperty(record, 'toJSON', { value: () => revision, enumerable: false });
  Object.freeze(record.user);
  Object.freeze(record.organization);
  Object.freeze(record.roles);
  Object.freeze(record.permissions);
  Object.freeze(record);
  fingerprinted.add(record);
  return record;
}

/** The session as @fastify/session restores it (its `cookie` field is required but unused). */
function toPluginSession(stored: StoredSession): Session {
  return { cookie: { originalMaxAge: null }, ...stored, record: fingerprintRecord(stored.record) };
}

type Done = (error?: unknown) => void;

/**
 * @fastify/session's view of a store. Only a signed-in session (one with a record) is ever
 * written, and never under an id that is only an alias of a rotated session.
 */
export function pluginStoreOf(store: SessionStore): PluginSessionStore {
  const peek = store.peek?.bind(store);
  return {
    get(id, callback) {
      if (peek !== undefined) {
        const stored = peek(id);
        callback(null, stored === undefined ? null : toPluginSession(stored));
        return;
      }
      store.load(id).then(
        (stored) => {
          callback(null, stored === undefined ? null : toPluginSession(stored));
        },
        () => {
          // Not "signed out" (the plugin would drop the cookie): a session the guards refuse.
          callback(null, { cookie: { originalMaxAge: null }, storeUnavailable: true });
        },
      );
    },
    set(id, session, callback: Done) {
      const record = session.record;
      if (record === undefined || session.movedTo !== undefined || session.storeUnavailable) {
        callback();
        return;
      }
      // A copy of the own fields: a fingerprinted record's `toJSON` must not reach the store.
      store.save(id, { ...record }).then(() => {
        callback();
      }, callback);
    },
    destroy(id, callback: Done) {
      store.end(id).then(() => {
        callback();
      }, callback);
    },
  };
}
