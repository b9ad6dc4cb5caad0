// The gate that honours Scalekit's 429s during a bulk import: it waits the delay Scalekit asked
// for (or backs off), holds every caller sharing it meanwhile, and retries the refused call.
import { describe, expect, it } from 'vitest';
import { ScalekitCallError } from '../src/errors/scalekit-call-error.js';
import { RateLimitGate } from '../src/team/rate-limit-gate.js';

const rateLimited = (message = 'too many requests', retryAfterSeconds?: number) =>
  new ScalekitCallError(
    'rate_limited',
    message,
    retryAfterSeconds === undefined ? {} : { retryAfterSeconds },
  );

describe('RateLimitGate', () => {
  it('retries a rate-limited call after the delay Scalekit gave', async () => {
    const gate = new RateLimitGate();
    let attempts = 0;
    const started = Date.now();

    const result = await gate.run(() => {
      attempts += 1;
      return attempts === 1
        ? Promise.reject(rateLimited('[resource_exhausted] retry after 150ms'))
        : Promise.resolve('ok');
    });

    expect(result).toBe('ok');
    expect(attempts).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(gate.rateLimitedCount).toBe(1);
  });

  it('holds the other callers sharing the gate until the delay has passed', async () => {
    const gate = new RateLimitGate();
    let refused = false;
    const first = gate.run(() => {
      if (refused) return Promise.resolve(Date.now());
      refused = true;
      return Promise.reject(rateLimited('limited', 0.2));
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const limitedAt = Date.now();

    const second = await gate.run(() => Promise.resolve(Date.now()));

    expect(second - limitedAt).toBeGreaterThanOrEqual(150);
    await first;
  });

  it('backs off on its own without a hint and gives up after the last attempt', async () => {
    const gate = new RateLimitGate({ baseDelayMs: 10, maxAttempts: 3 });
    let attempts = 0;

    await expect(
      gate.run(() => {
        attempts += 1;
        return Promise.reject(rateLimited());
      }),
    ).rejects.toBeInstanceOf(ScalekitCallError);
    expect(attempts).toBe(3);
  });

  it('lets any other failure through at once', async () => {
    const gate = new RateLimitGate();
    let attempts = 0;
    await expect(
      gate.run(() => {
        attempts += 1;
        return Promise.reject(new ScalekitCallError('already_exists', 'exists'));
      }),
    ).rejects.toMatchObject({ kind: 'already_exists' });
    expect(attempts).toBe(1);
  });
});
