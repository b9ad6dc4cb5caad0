// Authenticated `GET /api/session` throughput of the BFF (@fastify/session over the in-process
// store, and over Redis) against a bare Fastify route returning the same JSON, a default
// @fastify/session setup and the Express 5 + express-session version, all in one run. Prints
// requests/s and ratios.
//
//   pnpm --filter @app/bff bench            (all benchmarks)
//   pnpm --filter @app/bff exec tsx bench/session.ts [seconds=2] [rounds=5]
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

const SECONDS = Number(process.argv[2] ?? 2);
const ROUNDS = Number(process.argv[3] ?? 5);
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
 * Measures every target ROUNDS times against the bare route measured just before and just
 * after it (bare, A, bare, B, bare, ...), so each ratio compares runs seconds apart: the shared
 * machines change speed from one minute to the next (the same loop of JavaScript ran 13-27 us
 * an iteration within minutes). Each target's ratio is the median over rounds of its
 * requests/s divided by the mean of its two neighbouring bare runs.
 */
async function runAll(bare: Target, targets: Target[]): Promise<Map<string, number[]>> {
  for (const target of [bare, ...targets]) await load(target, 1); // warm-up
  const rps = new Map<string, number[]>([bare, ...targets].map((target) => [target.name, []]));
  const ratios = new Map<string, number[]>(targets.map((target) => [target.name, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    let before = await load(bare, SECONDS);
    rps.get(bare.name)?.push(before);
    for (const target of targets) {
      const value = await load(target, SECONDS);
      const after = await load(bare, SECONDS);
      rps.get(target.name)?.push(value);
      rps.get(bare.name)?.push(after);
      ratios.get(target.name)?.push(value / ((before + after) / 2));
      before = after;
    }
  }
  for (const [name, values] of rps) {
    const runs = values.map((value) => value.toFixed(0)).join(', ');
    console.log(
      `${name.padEnd(36)} ${median(values).toFixed(0).padStart(8)} req/s  (runs: ${runs})`,
    );
  }
  return ratios;
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
    memory.target,
    ...(redis === undefined ? [] : [redis.target]),
    defaultTarget,
    expressTarget,
  ];
  const toBare = await runAll(bareTarget, targets);
  /** Median over rounds of the ratio of `name` to its neighbouring bare runs. */
  const ratioToBare = (name: string | undefined): number | undefined => {
    const values = name === undefined ? undefined : toBare.get(name);
    return values === undefined ? undefined : median(values);
  };
  const ratio = (name: string | undefined, base: string): string => {
    const top = ratioToBare(name);
    if (top === undefined) return 'n/a';
    if (base === bareTarget.name) return `${top.toFixed(2)}x`;
    const bottom = ratioToBare(base);
    return bottom === undefined ? 'n/a' : `${(top / bottom).toFixed(2)}x`;
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
