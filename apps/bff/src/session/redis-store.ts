// Redis session store for several BFF instances. One hash per session: field `m` holds the
// small metadata read on every request, field `t` the tokens; commands fail fast (no offline
// queue) so an unreachable Redis answers 503 session_store_unavailable instead of hanging.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { AppError } from '../errors/app-error.js';
import type { SessionStore } from './session-store.js';
import type { LoginTransaction, SessionMeta, SessionTokens } from './session-types.js';

const SESSION_PREFIX = 'bff:sess:';
const TX_PREFIX = 'bff:tx:';
const LOCK_PREFIX = 'bff:lock:';

// Deletes the lock only when it still holds our token (another holder may own it after expiry).
const RELEASE_LOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export function createRedisClient(url: string): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 1000,
    connectTimeout: 1000,
    enableAutoPipelining: true,
    // Keep reconnecting forever, at most once a second, so the BFF recovers without a restart.
    retryStrategy: (times) => Math.min(times * 100, 1000),
    lazyConnect: false,
  });
}

function storeUnavailable(cause: unknown): AppError {
  return new AppError('session_store_unavailable', 'The session store is unavailable.', { cause });
}

async function guard<T>(operation: Promise<T>): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    throw storeUnavailable(error);
  }
}

export class RedisSessionStore implements SessionStore {
  readonly kind = 'redis' as const;
  readonly client: Redis;

  constructor(client: Redis) {
    this.client = client;
    // Connection errors surface per command as 503s; the event is only noise here.
    client.on('error', () => undefined);
  }

  /** Resolves when connected, or after `timeoutMs` (start-up must not wait on Redis forever). */
  async waitUntilReady(timeoutMs: number): Promise<boolean> {
    if (this.client.status === 'ready') return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.client.off('ready', onReady);
        resolve(false);
      }, timeoutMs);
      const onReady = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      this.client.once('ready', onReady);
    });
  }

  async getMeta(id: string): Promise<SessionMeta | undefined> {
    const raw = await guard(this.client.hget(SESSION_PREFIX + id, 'm'));
    return raw === null ? undefined : (JSON.parse(raw) as SessionMeta);
  }

  async getTokens(id: string): Promise<SessionTokens | undefined> {
    const raw = await guard(this.client.hget(SESSION_PREFIX + id, 't'));
    return raw === null ? undefined : (JSON.parse(raw) as SessionTokens);
  }

  async save(id: string, meta: SessionMeta, tokens: SessionTokens, ttlMs: number): Promise<void> {
    const key = SESSION_PREFIX + id;
    await guard(
      this.client
        .multi()
        .hset(key, 'm', JSON.stringify(meta), 't', JSON.stringify(tokens))
        .pexpire(key, Math.max(1, Math.ceil(ttlMs)))
        .exec(),
    );
  }

  async saveMeta(id: string, meta: SessionMeta, ttlMs: number): Promise<void> {
    const key = SESSION_PREFIX + id;
    // Only touch a session that still exists: a concurrent sign-out must win.
    await guard(
      this.client.eval(
        `if redis.call('exists', KEYS[1]) == 1 then redis.call('hset', KEYS[1], 'm', ARGV[1]); redis.call('pexpire', KEYS[1], ARGV[2]); return 1 else return 0 end`,
        1,
        key,
        JSON.stringify(meta),
        String(Math.max(1, Math.ceil(ttlMs))),
      ),
    );
  }

  async destroy(id: string): Promise<void> {
    await guard(this.client.del(SESSION_PREFIX + id));
  }

  async putTransaction(tx: LoginTransaction, ttlMs: number): Promise<void> {
    await guard(this.client.set(TX_PREFIX + tx.state, JSON.stringify(tx), 'PX', Math.ceil(ttlMs)));
  }

  async takeTransaction(state: string): Promise<LoginTransaction | undefined> {
    const raw = await guard(this.client.getdel(TX_PREFIX + state));
    return raw === null ? undefined : (JSON.parse(raw) as LoginTransaction);
  }

  async acquireLock(key: string, ttlMs: number): Promise<string | undefined> {
    const token = randomUUID();
    const result = await guard(
      this.client.set(LOCK_PREFIX + key, token, 'PX', Math.ceil(ttlMs), 'NX'),
    );
    return result === 'OK' ? token : undefined;
  }

  async releaseLock(key: string, token: string): Promise<void> {
    await guard(this.client.eval(RELEASE_LOCK, 1, LOCK_PREFIX + key, token));
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }
}
