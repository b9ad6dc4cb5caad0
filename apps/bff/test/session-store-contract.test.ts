// One contract for every session store: the in-process LRU and Redis (a real redis-server)
// must behave the same for sessions, single-use transactions, locks, and the index of sessions
// per user and organization that lets access end at once.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySessionStore } from '../src/session/memory-store.js';
import { RedisSessionStore, createRedisClient } from '../src/session/redis-store.js';
import type { SessionStore } from '../src/session/session-store.js';
import type {
  LoginTransaction,
  SessionRecord,
  SessionTokens,
} from '../src/session/session-record.js';
import { SessionTimeouts } from '../src/session/session-timeouts.js';
import { startRedisServer, type RedisServer } from './support/redis-server.js';
import { recordOf } from './session-fixtures.js';

const timeouts = new SessionTimeouts({ idleTimeoutSeconds: 600, absoluteTimeoutSeconds: 3600 });

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
  stores.memory = () => new MemorySessionStore({ maxEntries: 10, timeouts });
  stores.redis = () => new RedisSessionStore(createRedisClient(redis.url), { timeouts });
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
    const record = recordOf({ tokenKey: 'tk_s1' });
    await store.save('s1', record);
    await store.putTokens(record.tokenKey, tokens, 60_000);
    expect((await store.load('s1'))?.record).toEqual(record);
    expect(await store.getTokens('s1')).toEqual(tokens);
  });

  it('rewrites the metadata alone and keeps the tokens', async () => {
    const record = recordOf({ tokenKey: 'tk_s2' });
    await store.save('s2', record);
    await store.putTokens(record.tokenKey, tokens, 60_000);
    await store.save('s2', { ...record, lastSeenAt: record.lastSeenAt + 2 });
    expect((await store.load('s2'))?.record.lastSeenAt).toBe(record.lastSeenAt + 2);
    expect(await store.getTokens('s2')).toEqual(tokens);
  });

  it('does not resurrect a destroyed session when its metadata is touched', async () => {
    const record = recordOf({ tokenKey: 'tk_s3' });
    await store.save('s3', record);
    await store.putTokens(record.tokenKey, tokens, 60_000);
    await store.end('s3');
    await store.save('s3', record);
    expect(await store.load('s3')).toBeUndefined();
    expect(await store.getTokens('s3')).toBeUndefined();
  });

  it('forgets a session when its time to live passes', async () => {
    await store.save('s4', recordOf({}, 150));
    await sleep(300);
    expect(await store.load('s4')).toBeUndefined();
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

  it('ends every session of a user in one organization, tokens included, naming their Scalekit sessions, and no one else’s', async () => {
    const bob = (org: string, tokenKey: string): SessionRecord =>
      recordOf({
        user: { ...recordOf().user, id: 'usr_bob' },
        organization: { id: org, name: org },
        tokenKey,
      });
    await store.save('bob-1', bob('org_acme', 'tk_b1'));
    await store.save('bob-2', bob('org_acme', 'tk_b2'));
    await store.save('bob-globex', bob('org_globex', 'tk_b3'));
    await store.putTokens('tk_b1', { ...tokens, scalekitSessionId: 'ses_b1' }, 60_000);
    await store.putTokens('tk_b2', tokens, 60_000);
    expect((await store.sessionsOf('usr_bob', 'org_acme')).sort()).toEqual(['bob-1', 'bob-2']);

    expect(await store.endSessionsOf('usr_bob', 'org_acme')).toEqual({
      count: 2,
      scalekitSessionIds: ['ses_b1'],
    });
    expect(await store.load('bob-1')).toBeUndefined();
    expect(await store.load('bob-2')).toBeUndefined();
    expect(await store.sessionsOf('usr_bob', 'org_acme')).toEqual([]);
    expect((await store.load('bob-globex'))?.record.organization.id).toBe('org_globex');
    // A request that read the session before it ended cannot write it back.
    await store.save('bob-1', bob('org_acme', 'tk_b1'));
    expect(await store.load('bob-1')).toBeUndefined();
  });

  it('gives every session of a user in an organization new roles at once, which a late save of an older read cannot undo', async () => {
    const carol = recordOf({ user: { ...recordOf().user, id: 'usr_carol' }, tokenKey: 'tk_c' });
    await store.save('carol-1', carol);
    await store.save('carol-2', carol);
    const change = { roles: ['member'], permissions: ['members:read'] };
    expect(await store.changeAccessOf('usr_carol', 'org_acme', change)).toBe(2);
    for (const id of ['carol-1', 'carol-2']) {
      expect((await store.load(id))?.record).toMatchObject({ ...change, rotate: true });
    }
    // An idle touch from a request that read the admin roles before the change.
    await store.save('carol-1', { ...carol, lastSeenAt: carol.lastSeenAt + 1 });
    expect((await store.load('carol-1'))?.record).toMatchObject({
      ...change,
      lastSeenAt: carol.lastSeenAt + 1,
    });
  });

  it('leads a rotated id to its new session during the grace period only', async () => {
    const record = recordOf({ tokenKey: 'tk_r' });
    await store.save('r-new', record);
    await store.end('r-old');
    await store.markMoved('r-old', 'r-new', 200);
    expect(await store.load('r-old')).toEqual({ record, movedTo: 'r-new' });
    await sleep(300);
    expect(await store.load('r-old')).toBeUndefined();
    expect((await store.load('r-new'))?.record).toEqual(record);
  });
});

describe('the memory session store', () => {
  it('stays bounded: the least recently used session is evicted past the maximum', async () => {
    const store = new MemorySessionStore({ maxEntries: 2, timeouts });
    await store.save('a', recordOf());
    await store.save('b', recordOf());
    await store.load('a');
    await store.save('c', recordOf());
    expect(await store.load('a')).toBeDefined();
    expect(await store.load('b')).toBeUndefined();
    expect(await store.load('c')).toBeDefined();
  });
});

describe('the memory session store’s locks', () => {
  it('forgets expired locks once many were taken, so never-released claims do not pile up', async () => {
    const store = new MemorySessionStore({ maxEntries: 10, timeouts });
    for (let i = 0; i < 1000; i += 1) await store.acquireLock(`rotate:${String(i)}`, 1);
    await sleep(5);
    await store.acquireLock('next', 1000);
    expect(await store.acquireLock('rotate:1', 1000)).toBeDefined();
    expect(Reflect.get(store, 'locks')).toHaveProperty('size', 2);
  });
});
