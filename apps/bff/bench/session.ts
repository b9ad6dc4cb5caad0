// Authenticated `GET /api/session` throughput of the BFF (@fastify/session over the in-process
// store, and over Redis) against a bare Fastify route returning the same JSON, a default
// @fastify/session setup and the Express 5 + express-session version, all in one run. Prints
// requests/s and ratios.
//
//   pnpm --filter @app/bff bench            (all benchmarks)
//   pnpm --filter @app/bff exec tsx bench/session.ts [seconds=3] [rounds=3]
import { routes } from '@app/contracts';
import { startStack, type Stack } from '../test/support/harness.js';
import { redisAvailable } from '../test/support/redis-server.js';
import { measure } from './autocannon.js';
import {
  startBareFastify,
  startDefaultFastifySession,
  startExpress,
  type Baseline,
} from './baselines.js';

const SECONDS = Number(process.argv[2] ?? 3);
const ROUNDS = Number(process.argv[3] ?? 3);
const CONNECTIONS = 50;
const ADMIN = 'admin+sktest@acme.test';
// Same logging on every side: request logging off, warnings on.
const ENV = { LOG_LEVEL: 'warn' };

interface Target {
  name: string;
  url: string;
  cookie: string;
}

async function bffTarget(
  name: string,
  stack: Stack,
): Promise<{ target: Target; body: unknown; tokens: unknown }> {
  const browser = await stack.signIn(ADMIN);
  const answer = await browser.get(routes.session);
  if (answer.status !== 200) throw new Error(`${name}: /api/session answered ${answer.status}`);
  const id = decodeURIComponent(browser.cookies.get('sid') ?? '').split('.')[0] ?? '';
  const tokens = await stack.bff.app.sessions.store.getTokens(id);
  return {
    target: { name, url: `${stack.bff.url}${routes.session}`, cookie: browser.cookieHeader() },
    body: JSON.parse(answer.body),
    tokens,
  };
}

async function load(target: Target, seconds: number): Promise<number> {
  const headers: Record<string, string> = target.cookie === '' ? {} : { cookie: target.cookie };
  const result = await measure({
    url: target.url,
    headers,
    connections: CONNECTIONS,
    durationSeconds: seconds,
  });
  if (result.failures > 0) throw new Error(`${target.name}: ${result.failures} failed requests`);
  return result.rps;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * Measures every target ROUNDS times, interleaved, so each ratio compares runs made close
 * together under the same load (the machines are shared); reports medians.
 */
async function runAll(targets: Target[]): Promise<Map<string, number[]>> {
  for (const target of targets) await load(target, 1); // warm-up
  const samples = new Map<string, number[]>(targets.map((target) => [target.name, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const target of targets) samples.get(target.name)?.push(await load(target, SECONDS));
  }
  for (const target of targets) {
    const values = samples.get(target.name) ?? [];
    const runs = values.map((value) => value.toFixed(0)).join(', ');
    console.log(
      `${target.name.padEnd(36)} ${median(values).toFixed(0).padStart(8)} req/s  (runs: ${runs})`,
    );
  }
  return samples;
}

const memoryStack = await startStack({ env: ENV });
const redisStack = redisAvailable() ? await startStack({ env: ENV, redis: true }) : undefined;
const baselines: Baseline[] = [];
try {
  const memory = await bffTarget('BFF, in-process store', memoryStack);
  const redis =
    redisStack === undefined ? undefined : await bffTarget('BFF, Redis store', redisStack);
  const stored = {
    profile: memory.body as Record<string, unknown>,
    tokens: memory.tokens as { accessToken: string; refreshToken: string; idToken: string },
  };
  const bare = await startBareFastify(memory.body);
  const defaultSession = await startDefaultFastifySession(stored);
  const expressApp = await startExpress(stored);
  baselines.push(bare, defaultSession, expressApp);

  console.log(
    `GET /api/session, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s (autocannon in a child process)\n`,
  );
  const bareTarget = { name: 'bare Fastify route (same JSON)', url: bare.url, cookie: '' };
  const defaultTarget = {
    name: 'default @fastify/session (memory)',
    url: defaultSession.url,
    cookie: defaultSession.cookie,
  };
  const expressTarget = {
    name: 'Express 5 + express-session',
    url: expressApp.url,
    cookie: expressApp.cookie,
  };
  const targets = [
    bareTarget,
    memory.target,
    ...(redis === undefined ? [] : [redis.target]),
    defaultTarget,
    expressTarget,
  ];
  const samples = await runAll(targets);
  /** Median over rounds of the per-round ratio. */
  const ratio = (name: string | undefined, base: string): string => {
    const top = name === undefined ? undefined : samples.get(name);
    const bottom = samples.get(base);
    if (top === undefined || bottom === undefined) return 'n/a';
    return `${median(top.map((value, round) => value / (bottom[round] ?? value))).toFixed(2)}x`;
  };
  console.log('');
  // The own session layer this replaced measured 0.82x (in-process) and 0.60x (Redis).
  console.log(
    `BFF in-process / bare Fastify:   ${ratio(memory.target.name, bareTarget.name)}   (target >= 0.40x; own layer before: 0.82x)`,
  );
  console.log(
    `BFF Redis / bare Fastify:        ${ratio(redis?.target.name, bareTarget.name)}   (target >= 0.30x; own layer before: 0.60x)`,
  );
  console.log(
    `BFF in-process / Express:        ${ratio(memory.target.name, expressTarget.name)}   (target >= 3.00x)`,
  );
  console.log(
    `default @fastify/session / bare: ${ratio(defaultTarget.name, bareTarget.name)}   (reference: plugin alone, no guard or headers)`,
  );
} finally {
  for (const baseline of baselines) await baseline.close();
  await memoryStack.stop();
  await redisStack?.stop();
}
