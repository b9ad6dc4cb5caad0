// One contract for every session store: the in-process LRU and Redis (a real redis-server)
// must behave the same for sessions, single-use transactions and locks.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySessionStore } from '../src/session/memory-store.js';
import { RedisSessionStore, createRedisClient } from '../src/session/redis-store.js';
import type { SessionStore } from '../src/session/session-store.js';
import type { LoginTransaction, SessionMeta, SessionTokens } from '../src/session/session-types.js';
import { startRedisServer, type RedisServer } from './support/redis-server.js';

const meta: SessionMeta = {
  user: {
    id: 'usr_1',
    email: 'a@acme.test',
    emailVerified: true,
    name: 'A',
    givenName: 'A',
    familyName: '',
  },
  organization: { id: 'org_acme', name: 'Acme' },
  roles: ['admin'],
  permissions: ['members:invite'],
  createdAt: 1,
  lastSeenAt: 1,
  absoluteExpiresAt: 10,
  accessExpiresAt: 5,
  refreshAt: 4,
};
const tokens: SessionTokens = { accessToken: 'at', refreshToken: 'rt', idToken: 'it' };
const tx = (state: string): LoginTransaction => ({
  state,
  nonce: 'n',
  codeVerifier: 'v',
  returnTo: '/team',
  binding: 'b',
  createdAt: 1,
});

let redis: RedisServer;
const stores: Record<string, () => SessionStore> = {};
const opened: SessionStore[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  stores.memory = () => new MemorySessionStore({ maxEntries: 3 });
  stores.redis = () => new RedisSessionStore(createRedisClient(redis.url));
});
afterAll(async () => {
  for (const store of opened) await store.close();
  await redis.stop();
});

describe.each(['memory', 'redis'])('the %s session store', (kind) => {
  let store: SessionStore;
  beforeAll(async () => {
    const make = stores[kind];
    if (make === undefined) throw new Error(kind);
    store = make();
    opened.push(store);
    if (store instanceof RedisSessionStore) await store.waitUntilReady(5000);
  });

  it('returns the metadata and tokens it saved, separately', async () => {
    await store.save('s1', meta, tokens, 60_000);
    expect(await store.getMeta('s1')).toEqual(meta);
    expect(await store.getTokens('s1')).toEqual(tokens);
  });

  it('rewrites the metadata alone and keeps the tokens', async () => {
    await store.save('s2', meta, tokens, 60_000);
    await store.saveMeta('s2', { ...meta, lastSeenAt: 2 }, 60_000);
    expect((await store.getMeta('s2'))?.lastSeenAt).toBe(2);
    expect(await store.getTokens('s2')).toEqual(tokens);
  });

  it('does not resurrect a destroyed session when its metadata is touched', async () => {
    await store.save('s3', meta, tokens, 60_000);
    await store.destroy('s3');
    await store.saveMeta('s3', meta, 60_000);
    expect(await store.getMeta('s3')).toBeUndefined();
    expect(await store.getTokens('s3')).toBeUndefined();
  });

  it('forgets a session when its time to live passes', async () => {
    await store.save('s4', meta, tokens, 150);
    await sleep(300);
    expect(await store.getMeta('s4')).toBeUndefined();
  });

  it('hands out a login transaction once', async () => {
    await store.putTransaction(tx('st1'), 60_000);
    expect(await store.takeTransaction('st1')).toEqual(tx('st1'));
    expect(await store.takeTransaction('st1')).toBeUndefined();
  });

  it('gives a login transaction a bounded life', async () => {
    await store.putTransaction(tx('st2'), 150);
    await sleep(300);
    expect(await store.takeTransaction('st2')).toBeUndefined();
  });

  it('grants a lock to one holder at a time, and again once released or expired', async () => {
    const first = await store.acquireLock('k', 200);
    expect(first).toBeDefined();
    expect(await store.acquireLock('k', 200)).toBeUndefined();
    await store.releaseLock('k', 'not-the-holder');
    expect(await store.acquireLock('k', 200)).toBeUndefined();
    await store.releaseLock('k', first ?? '');
    const second = await store.acquireLock('k', 100);
    expect(second).toBeDefined();
    await sleep(250);
    expect(await store.acquireLock('k', 100)).toBeDefined();
  });

  it('answers a ping', async () => {
    expect(await store.ping()).toBe(true);
  });
});

describe('the memory session store', () => {
  it('stays bounded: the least recently used session is evicted past the maximum', async () => {
    const store = new MemorySessionStore({ maxEntries: 2 });
    await store.save('a', meta, tokens, 60_000);
    await store.save('b', meta, tokens, 60_000);
    await store.getMeta('a');
    await store.save('c', meta, tokens, 60_000);
    expect(await store.getMeta('a')).toBeDefined();
    expect(await store.getMeta('b')).toBeUndefined();
    expect(await store.getMeta('c')).toBeDefined();
  });
});
