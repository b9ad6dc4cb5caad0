// Scalekit really stopped: once calls in a row find it down, the process-wide circuit opens.
// Single requests then answer 503 identity_unavailable at once, a bulk import stops starting
// rows and reports the rest as not attempted, and a half-open probe closes the circuit again
// once Scalekit is back.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, type BulkInviteEvent } from '@app/contracts';
import type { Browser } from './support/browser.js';
import { startStack, type Stack } from './support/harness.js';
import { ACME_ADMIN, streamBulkImport, uniqueEmail } from './team-fixtures.js';

const FAILURES = 3;
const HALF_OPEN_MS = 1500;

let stack: Stack;
let admin: Browser;

beforeAll(async () => {
  stack = await startStack({
    persistentEmulator: true,
    env: {
      SCALEKIT_TIMEOUT_MS: '1000',
      SCALEKIT_CIRCUIT_FAILURES: String(FAILURES),
      SCALEKIT_CIRCUIT_HALF_OPEN_MS: String(HALF_OPEN_MS),
      RATE_LIMIT_INVITE_PER_MINUTE: '1000',
    },
  });
  admin = await stack.signIn(ACME_ADMIN);
});
afterAll(async () => {
  await stack?.stop();
});

async function timed(path: string): Promise<{ status: number; code: unknown; ms: number }> {
  const started = Date.now();
  const answer = await admin.get(path);
  const body = JSON.parse(answer.body) as { code?: unknown };
  return { status: answer.status, code: body.code, ms: Date.now() - started };
}

describe('the Scalekit circuit breaker', () => {
  it('answers 503 at once while Scalekit is known to be down, and closes again through a half-open probe', async () => {
    expect((await timed(routes.roles)).status).toBe(200);
    await stack.stopEmulator();

    for (let attempt = 0; attempt < FAILURES; attempt += 1) {
      expect(await timed(routes.roles)).toMatchObject({
        status: 503,
        code: 'identity_unavailable',
      });
    }
    // Open: no call waits for Scalekit any more.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const answer = await timed(routes.roles);
      expect(answer).toMatchObject({ status: 503, code: 'identity_unavailable' });
      expect(answer.ms).toBeLessThan(150);
    }

    await stack.restartEmulator();
    // Still open until the half-open delay has passed, even though Scalekit is back.
    expect((await timed(routes.roles)).status).toBe(503);
    await sleep(HALF_OPEN_MS + 100);
    expect((await timed(routes.roles)).status).toBe(200);
    expect((await timed(routes.members)).status).toBe(200);
  });

  it('logs one warning when the circuit opens and one info line when it closes, and nothing per refused request', async () => {
    const logs = stack.bff.logs;
    const from = logs.lines.length;
    await stack.stopEmulator();
    for (let attempt = 0; attempt < FAILURES + 10; attempt += 1) await timed(routes.roles);
    await stack.restartEmulator();
    await sleep(HALF_OPEN_MS + 100);
    expect((await timed(routes.roles)).status).toBe(200);

    const entries = logs.lines
      .slice(from)
      .map((line) => JSON.parse(line) as { level: number; msg: string; err?: unknown });
    const opened = entries.filter((entry) => entry.msg.includes('circuit opened'));
    const closed = entries.filter((entry) => entry.msg.includes('circuit closed'));
    expect(opened).toHaveLength(1);
    expect(opened[0]?.level).toBe(40);
    expect(closed).toHaveLength(1);
    expect(closed[0]?.level).toBe(30);
    // Only the calls that found Scalekit down before the circuit opened are errors with a stack.
    const errors = entries.filter((entry) => entry.level >= 50);
    expect(errors).toHaveLength(FAILURES);
    expect(JSON.stringify(errors)).not.toContain('BrokenCircuitError');
  });

  it('stops a bulk import once the circuit opens and reports the remaining rows as not attempted', async () => {
    const emails = Array.from({ length: 400 }, () => uniqueEmail('circuit'));
    const csv = ['email', ...emails].join('\n');
    let stopping: Promise<void> | undefined;
    let stoppedAt = 0;
    const events = await streamBulkImport(stack.bff.url, admin, csv, (event) => {
      if (event.type === 'row' && event.done === 10) {
        stoppedAt = Date.now();
        stopping = stack.stopEmulator();
      }
    });
    const endedAfterMs = Date.now() - stoppedAt;
    await stopping;

    const rows = events.filter(
      (event): event is Extract<BulkInviteEvent, { type: 'row' }> => event.type === 'row',
    );
    const finished = events.at(-1);
    if (finished?.type !== 'finished') throw new Error('the stream ended without `finished`');
    expect(finished.interrupted).toBe('identity_unavailable');
    expect(finished.notAttempted).toBeGreaterThan(0);
    expect(rows.length + finished.notAttempted).toBe(emails.length);
    // Without the circuit every remaining row would wait out its timeout, 8 at a time.
    expect(endedAfterMs).toBeLessThan(8000);
    await stack.restartEmulator();
  });
});
