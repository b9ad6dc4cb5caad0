// Redis session store for several BFF instances. Per session id one hash: `d` the record read
// on every request, `a` an admin's change of roles (applied over `d` on read, so a late save of
// a record read before the change cannot undo it), `x` its index key, `k` its tokens' key.
// Tokens sit in their own key, read only to refresh and sign out. Every write that must not race
// is one Lua script: a save never brings back an ended id, and ending all sessions of a user in
// an organization happens in one step on every instance at once. Commands fail fast (no offline
// queue) so an unreachable Redis answers 503 session_store_unavailable instead of hanging.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { AppError } from '../errors/app-error.js';
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

const SESSION_PREFIX = 'bff:sess:';
const ENDED_PREFIX = 'bff:end:';
const INDEX_PREFIX = 'bff:idx:';
const TOKENS_PREFIX = 'bff:tok:';
const TX_PREFIX = 'bff:tx:';
const LOCK_PREFIX = 'bff:lock:';

// The scripts name keys derived from stored values (index, tokens) that are not in KEYS: fine
// on one Redis (or a replicated primary); a Redis Cluster would need hash tags.
const SAVE = `
if redis.call('exists', KEYS[2]) == 1 then return 0 end
redis.call('hset', KEYS[1], 'd', ARGV[1], 'x', KEYS[3], 'k', ARGV[4])
redis.call('pexpire', KEYS[1], ARGV[2])
redis.call('sadd', KEYS[3], ARGV[3])
if redis.call('pttl', KEYS[3]) < tonumber(ARGV[5]) then redis.call('pexpire', KEYS[3], ARGV[5]) end
return 1`;

const END = `
local index = redis.call('hget', KEYS[1], 'x')
if index then redis.call('srem', index, ARGV[1]) end
redis.call('del', KEYS[1])
redis.call('set', KEYS[2], '', 'PX', ARGV[2])
return 1`;

const LIVE_IDS = `
local live = {}
for _, id in ipairs(redis.call('smembers', KEYS[1])) do
  if redis.call('exists', ARGV[1] .. id) == 1 then table.insert(live, id)
  else redis.call('srem', KEYS[1], id) end
end
return live`;

// Answers the number ended, then the tokens (JSON) of each, so their Scalekit sessions can go too.
const END_ALL = `
local ended = {0}
for _, id in ipairs(redis.call('smembers', KEYS[1])) do
  local key = ARGV[1] .. id
  local tokenKey = redis.call('hget', key, 'k')
  if tokenKey then
    local tokens = redis.call('get', ARGV[3] .. tokenKey)
    if tokens then table.insert(ended, tokens) end
    redis.call('del', ARGV[3] .. tokenKey)
  end
  ended[1] = ended[1] + redis.call('del', key)
  redis.call('set', ARGV[2] .. id, '', 'PX', ARGV[4])
end
redis.call('del', KEYS[1])
return ended`;

const CHANGE_ALL = `
local changed = 0
for _, id in ipairs(redis.call('smembers', KEYS[1])) do
  local key = ARGV[1] .. id
  if redis.call('exists', key) == 1 then
    redis.call('hset', key, 'a', ARGV[2])
    changed = changed + 1
  else redis.call('srem', KEYS[1], id) end
end
return changed`;

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

const indexKeyOf = (userId: string, organizationId: string): string =>
  `${INDEX_PREFIX}${userId}:${organizationId}`;

const ms = (value: number): string => String(Math.max(1, Math.ceil(value)));

function recordOf(data: string, access: string | null): SessionRecord {
  const record = JSON.parse(data) as SessionRecord;
  if (access === null) return record;
  return { ...record, ...(JSON.parse(access) as AccessChange), rotate: true };
}

/** Sessions whose parsed record an instance keeps (a few hundred bytes each). */
const PARSED_RECORDS_MAX = 2000;

export class RedisSessionStore implements SessionStore {
  readonly kind = 'redis' as const;
  readonly client: Redis;
  private readonly timeouts: SessionTimeouts;
  /**
   * Records parsed from Redis by their exact stored text: a session's repeated reads share one
   * object, so the plugin's change detection and the session route's answer cache see the same
   * record (records are never changed in place). Keyed by content, so never stale.
   */
  private readonly parsed = new LRUCache<string, SessionRecord>({ max: PARSED_RECORDS_MAX });

  constructor(client: Redis, options: { timeouts: SessionTimeouts }) {
    this.client = client;
    this.timeouts = options.timeouts;
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

  async load(id: string): Promise<StoredSession | undefined> {
    const [data = null, access = null] = await guard(
      this.client.hmget(SESSION_PREFIX + id, 'd', 'a'),
    );
    if (data !== null) return this.storedOf(data, access);
    // Not there: perhaps rotated a moment ago (value "<new id> <grace end>").
    const ended = await guard(this.client.get(ENDED_PREFIX + id));
    const [movedTo = '', until = '0'] = (ended ?? '').split(' ');
    if (movedTo === '' || Date.now() >= Number(until)) return undefined;
    const [movedData = null, movedAccess = null] = await guard(
      this.client.hmget(SESSION_PREFIX + movedTo, 'd', 'a'),
    );
    return movedData === null ? undefined : { ...this.storedOf(movedData, movedAccess), movedTo };
  }

  private storedOf(data: string, access: string | null): StoredSession {
    const key = access === null ? data : `${data}\n${access}`;
    let record = this.parsed.get(key);
    if (record === undefined) {
      record = recordOf(data, access);
      this.parsed.set(key, record);
    }
    return { record };
  }

  async save(id: string, record: SessionRecord): Promise<void> {
    const now = Date.now();
    await guard(
      this.client.eval(
        SAVE,
        3,
        SESSION_PREFIX + id,
        ENDED_PREFIX + id,
        indexKeyOf(record.user.id, record.organization.id),
        JSON.stringify(record),
        ms(this.timeouts.ttlMs(record, now)),
        id,
        record.tokenKey,
        ms(this.timeouts.tokensTtlMs(record, now)),
      ),
    );
  }

  async end(id: string): Promise<void> {
    await guard(
      this.client.eval(END, 2, SESSION_PREFIX + id, ENDED_PREFIX + id, id, ms(ENDED_ID_MEMORY_MS)),
    );
  }

  async markMoved(oldId: string, newId: string, graceMs: number): Promise<void> {
    const value = `${newId} ${String(Date.now() + graceMs)}`;
    await guard(this.client.set(ENDED_PREFIX + oldId, value, 'PX', ENDED_ID_MEMORY_MS));
  }

  async getTokens(id: string): Promise<SessionTokens | undefined> {
    const stored = await this.load(id);
    if (stored === undefined) return undefined;
    const raw = await guard(this.client.get(TOKENS_PREFIX + stored.record.tokenKey));
    return raw === null ? undefined : (JSON.parse(raw) as SessionTokens);
  }

  async putTokens(tokenKey: string, tokens: SessionTokens, ttlMs: number): Promise<void> {
    await guard(this.client.set(TOKENS_PREFIX + tokenKey, JSON.stringify(tokens), 'PX', ms(ttlMs)));
  }

  async dropTokens(tokenKey: string): Promise<void> {
    await guard(this.client.del(TOKENS_PREFIX + tokenKey));
  }

  async sessionsOf(userId: string, organizationId: string): Promise<string[]> {
    const live = await guard(
      this.client.eval(LIVE_IDS, 1, indexKeyOf(userId, organizationId), SESSION_PREFIX),
    );
    return Array.isArray(live) ? live.map(String) : [];
  }

  async endSessionsOf(userId: string, organizationId: string): Promise<EndedSessions> {
    const ended = await guard(
      this.client.eval(
        END_ALL,
        1,
        indexKeyOf(userId, organizationId),
        SESSION_PREFIX,
        ENDED_PREFIX,
        TOKENS_PREFIX,
        ms(ENDED_ID_MEMORY_MS),
      ),
    );
    const answer: unknown[] = Array.isArray(ended) ? (ended as unknown[]) : [0];
    const [count, ...tokens] = answer;
    const scalekitSessionIds = tokens.flatMap((raw) => {
      const sid = (JSON.parse(String(raw)) as SessionTokens).scalekitSessionId;
      return sid === undefined ? [] : [sid];
    });
    return { count: Number(count), scalekitSessionIds };
  }

  async changeAccessOf(
    userId: string,
    organizationId: string,
    change: AccessChange,
  ): Promise<number> {
    const access: AccessChange = { roles: change.roles, permissions: change.permissions };
    const changed = await guard(
      this.client.eval(
        CHANGE_ALL,
        1,
        indexKeyOf(userId, organizationId),
        SESSION_PREFIX,
        JSON.stringify(access),
      ),
    );
    return Number(changed);
  }

  async putTransaction(tx: LoginTransaction, ttlMs: number): Promise<void> {
    await guard(this.client.set(TX_PREFIX + tx.state, JSON.stringify(tx), 'PX', ms(ttlMs)));
  }

  async takeTransaction(state: string): Promise<LoginTransaction | undefined> {
    const raw = await guard(this.client.getdel(TX_PREFIX + state));
    return raw === null ? undefined : (JSON.parse(raw) as LoginTransaction);
  }

  async acquireLock(key: string, ttlMs: number): Promise<string | undefined> {
    const token = randomUUID();
    const result = await guard(this.client.set(LOCK_PREFIX + key, token, 'PX', ms(ttlMs), 'NX'));
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
