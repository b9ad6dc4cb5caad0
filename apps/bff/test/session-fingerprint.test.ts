// The record @fastify/session holds is fingerprinted for the plugin's change detection (it
// hashes the whole session twice a request): the hash reads a short revision, a changed record
// (a new object) is hashed whole, and the store always receives the whole record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from 'fastify';
import { MemorySessionStore } from '../src/session/memory-store.js';
import { RedisSessionStore, createRedisClient } from '../src/session/redis-store.js';
import {
  fingerprintRecord,
  pluginStoreOf,
  type SessionStore,
} from '../src/session/session-store.js';
import { SessionTimeouts } from '../src/session/session-timeouts.js';
import { redisAvailable, startRedisServer, type RedisServer } from './support/redis-server.js';
import { recordOf } from './session-fixtures.js';

const timeouts = new SessionTimeouts({ idleTimeoutSeconds: 600, absoluteTimeoutSeconds: 3600 });

/** What the plugin's `get` callback hands back, as a promise. */
function pluginGet(store: SessionStore, id: string): Promise<Session | null | undefined> {
  return new Promise((resolve, reject) => {
    pluginStoreOf(store).get(id, (error, session) => {
      if (error instanceof Error) reject(error);
      else resolve(session);
    });
  });
}

function pluginSet(store: SessionStore, id: string, session: Session): Promise<void> {
  return new Promise((resolve, reject) => {
    pluginStoreOf(store).set(id, session, (error?: unknown) => {
      if (error instanceof Error) reject(error);
      else resolve();
    });
  });
}

describe('fingerprintRecord', () => {
  it('freezes the record and names it by a short revision of its own', () => {
    const first = fingerprintRecord(recordOf());
    const second = fingerprintRecord(recordOf());
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.user)).toBe(true);
    expect(Object.isFrozen(first.roles)).toBe(true);
    expect(() => {
      first.roles.push('owner');
    }).toThrow(TypeError);
    const json = JSON.stringify(first);
    expect(json.length).toBeLessThan(40);
    expect(json).not.toContain('a@acme.test');
    expect(JSON.stringify(second)).not.toBe(json);
    // The same object keeps its revision; fingerprinting again changes nothing.
    expect(JSON.stringify(fingerprintRecord(first))).toBe(json);
  });

  it('leaves a changed copy whole, so the plugin sees the change', () => {
    const read = fingerprintRecord(recordOf());
    const touched = { ...read, lastSeenAt: read.lastSeenAt + 1 };
    expect(JSON.parse(JSON.stringify(touched))).toMatchObject({
      user: { email: 'a@acme.test' },
      lastSeenAt: read.lastSeenAt + 1,
    });
  });
});

describe.each(redisAvailable() ? (['memory', 'redis'] as const) : (['memory'] as const))(
  'the plugin adapter over the %s store',
  (kind) => {
    let store: SessionStore;
    let redis: RedisServer | undefined;

    beforeAll(async () => {
      if (kind === 'memory') {
        store = new MemorySessionStore({ maxEntries: 100, timeouts });
        return;
      }
      redis = await startRedisServer();
      const redisStore = new RedisSessionStore(createRedisClient(redis.url), { timeouts });
      await redisStore.waitUntilReady(5000);
      store = redisStore;
    });

    afterAll(async () => {
      await store.close();
      await redis?.stop();
    });

    it('hands out one record object per stored record, and a new one once it changed', async () => {
      await store.save('sid_same', recordOf({ tokenKey: 'tk_same' }));
      const first = (await store.load('sid_same'))?.record;
      const again = (await store.load('sid_same'))?.record;
      expect(first?.tokenKey).toBe('tk_same');
      expect(again).toBe(first);
      await store.save('sid_same', { ...recordOf({ tokenKey: 'tk_same' }), lastSeenAt: 1 });
      const changed = (await store.load('sid_same'))?.record;
      expect(changed).not.toBe(first);
      expect(changed?.lastSeenAt).toBe(1);
    });

    it('hands the plugin a fingerprinted record and writes a read record back whole', async () => {
      await store.save('sid_a', recordOf());
      const session = await pluginGet(store, 'sid_a');
      const record = session?.record;
      expect(record?.user.email).toBe('a@acme.test');
      expect(JSON.stringify(record)).not.toContain('a@acme.test');

      // A rotation saves the record as read, under a new id: the store gets all of it.
      const written: string[] = [];
      const save = store.save.bind(store);
      store.save = (id, record) => {
        written.push(JSON.stringify(record));
        return save(id, record);
      };
      try {
        const asRead: Session = { cookie: { originalMaxAge: null }, record };
        await pluginSet(store, 'sid_b', asRead);
      } finally {
        store.save = save;
      }
      expect(written).toHaveLength(1);
      expect(JSON.parse(written[0] ?? 'null') as unknown).toMatchObject({
        user: { email: 'a@acme.test' },
        organization: { id: 'org_acme' },
        roles: ['admin'],
        tokenKey: 'tk_1',
      });
      expect((await store.load('sid_b'))?.record.user.email).toBe('a@acme.test');
    });
  },
);
