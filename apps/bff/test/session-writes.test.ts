// When @fastify/session writes the store: never on a plain read of a signed-in session, once
// when the idle clock is touched (then plain again), and the record written is the whole record
// (never the fingerprint the plugin's change detection reads). Both stores, over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '@app/contracts';
import type { SessionRecord } from '../src/session/session-record.js';
import { redisAvailable } from './support/redis-server.js';
import { startStack, type Stack } from './support/harness.js';

const ADMIN = 'admin+sktest@acme.test';
// Idle timeout 10 s: the idle clock is touched at most once a second (a tenth of it).
const ENV = { SESSION_IDLE_TIMEOUT_SECONDS: '10', SESSION_ABSOLUTE_TIMEOUT_SECONDS: '600' };

const kinds = redisAvailable() ? (['memory', 'redis'] as const) : (['memory'] as const);

describe.each(kinds)('session writes, %s store', (kind) => {
  let stack: Stack;
  const saved: SessionRecord[] = [];

  beforeAll(async () => {
    stack = await startStack({ env: ENV, redis: kind === 'redis' });
    const store = stack.bff.app.sessions.store;
    const save = store.save.bind(store);
    // Records what reaches the store, and writes it as before.
    store.save = (id, record) => {
      saved.push(record);
      return save(id, record);
    };
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('writes nothing on plain reads, once on an idle touch, then nothing again', async () => {
    const browser = await stack.signIn(ADMIN);
    saved.length = 0;
    for (let read = 0; read < 5; read += 1)
      expect((await browser.get(routes.session)).status).toBe(200);
    expect(saved).toHaveLength(0);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await browser.get(routes.session)).status).toBe(200);
    expect(saved).toHaveLength(1);
    const [touched] = saved;
    // The whole record, with the new idle clock: not the plugin's fingerprint of it.
    expect(touched?.user.email).toBe(ADMIN);
    expect(touched?.roles).toContain('admin');
    expect(JSON.parse(JSON.stringify(touched)) as unknown).toMatchObject({
      user: { email: ADMIN },
      tokenKey: touched?.tokenKey,
    });
    expect(Date.now() - (touched?.lastSeenAt ?? 0)).toBeLessThan(1000);

    for (let read = 0; read < 3; read += 1)
      expect((await browser.get(routes.session)).status).toBe(200);
    expect(saved).toHaveLength(1);
  });

  it('keeps the touched idle clock: the session outlives its first idle deadline', async () => {
    const browser = await stack.signIn(ADMIN);
    const first = JSON.parse((await browser.get(routes.session)).body) as {
      idleExpiresAt: string;
    };
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await browser.get(routes.session);
    const later = JSON.parse((await browser.get(routes.session)).body) as {
      idleExpiresAt: string;
    };
    expect(Date.parse(later.idleExpiresAt)).toBeGreaterThan(Date.parse(first.idleExpiresAt));
  });
});
