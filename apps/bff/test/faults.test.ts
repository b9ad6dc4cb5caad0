// Faults: Scalekit or Redis goes away mid-test. The BFF answers 503 with a stable code within
// a bounded time, never crashes, and recovers once the dependency is back, without a restart.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '@app/contracts';
import { startStack, type Stack } from './support/harness.js';

const ADMIN = 'admin+sktest@acme.test';

describe('when the emulator stops and comes back on the same port', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      persistentEmulator: true,
      emulatorSettings: { accessTokenTtlSeconds: 2 },
      env: { SCALEKIT_TIMEOUT_MS: '1000' },
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers 503 identity_unavailable quickly, then recovers without a BFF restart', async () => {
    const browser = await stack.signIn(ADMIN);
    expect((await browser.get(routes.session)).status).toBe(200);
    await stack.stopEmulator();
    await sleep(2200); // the access token has expired: the next request must refresh it

    const started = Date.now();
    const down = await browser.get(routes.session);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(down.status).toBe(503);
    expect(JSON.parse(down.body)).toMatchObject({ code: 'identity_unavailable' });
    const notReady = await browser.get(routes.ready);
    expect(notReady.status).toBe(503);
    expect(JSON.parse(notReady.body)).toMatchObject({
      checks: { scalekit: false, sessionStore: true },
    });
    expect((await browser.get(routes.health)).status).toBe(200);

    await stack.restartEmulator();
    const back = await browser.get(routes.session);
    expect(back.status).toBe(200);
    expect((await browser.get(routes.ready)).status).toBe(200);
  });
});

describe('when Redis stops and comes back', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ redis: true });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers 503 session_store_unavailable quickly, then recovers without a BFF restart', async () => {
    const browser = await stack.signIn(ADMIN);
    expect((await browser.get(routes.session)).status).toBe(200);
    await stack.redis?.stop();

    const started = Date.now();
    const down = await browser.get(routes.session);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(down.status).toBe(503);
    expect(JSON.parse(down.body)).toEqual({
      code: 'session_store_unavailable',
      message: 'Sessions are temporarily unavailable. Try again shortly.',
    });
    const signIn = await stack.browser().get(routes.login, { accept: 'html' });
    expect(signIn.status).toBe(503);
    const notReady = await browser.get(routes.ready);
    expect(JSON.parse(notReady.body)).toMatchObject({
      checks: { scalekit: true, sessionStore: false },
    });

    await stack.redis?.start();
    // The restarted Redis is empty (no persistence in tests): the old session is gone, and a
    // new sign-in works again once the client has reconnected.
    let ready = await browser.get(routes.ready);
    for (let attempt = 0; attempt < 40 && ready.status !== 200; attempt += 1) {
      await sleep(100);
      ready = await browser.get(routes.ready);
    }
    expect(ready.status).toBe(200);
    expect((await browser.get(routes.session)).status).toBe(401);
    const again = await stack.signIn(ADMIN);
    expect((await again.get(routes.session)).status).toBe(200);
  });
});
