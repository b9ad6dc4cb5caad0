// Authenticated `GET /api/session` throughput of the BFF (in-process store, and Redis) against
// a bare Fastify route returning the same JSON, a default @fastify/session setup, and the
// Express 5 + express-session version, all in one run. Prints requests/s and ratios.
//
//   pnpm --filter @app/bff bench            (all benchmarks)
//   pnpm --filter @app/bff exec tsx bench/session.ts [seconds=5]
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

const SECONDS = Number(process.argv[2] ?? process.env.BENCH_SECONDS ?? 5);
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

async function run(target: Target): Promise<number> {
  const headers: Record<string, string> = target.cookie === '' ? {} : { cookie: target.cookie };
  await measure({ url: target.url, headers, connections: CONNECTIONS, durationSeconds: 1 }); // warm-up
  const result = await measure({
    url: target.url,
    headers,
    connections: CONNECTIONS,
    durationSeconds: SECONDS,
  });
  if (result.failures > 0) throw new Error(`${target.name}: ${result.failures} failed requests`);
  console.log(
    `${target.name.padEnd(34)} ${result.rps.toFixed(0).padStart(8)} req/s   p99 ${result.p99} ms`,
  );
  return result.rps;
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
    `GET /api/session, ${CONNECTIONS} connections, ${SECONDS} s each (autocannon in a child process)\n`,
  );
  const rps = {
    bare: await run({ name: 'bare Fastify route (same JSON)', url: bare.url, cookie: '' }),
    memory: await run(memory.target),
    redis: redis === undefined ? undefined : await run(redis.target),
    defaultSession: await run({
      name: 'default @fastify/session (memory)',
      url: defaultSession.url,
      cookie: defaultSession.cookie,
    }),
    express: await run({
      name: 'Express 5 + express-session',
      url: expressApp.url,
      cookie: expressApp.cookie,
    }),
  };
  const ratio = (value: number | undefined, base: number): string =>
    value === undefined ? 'n/a' : `${(value / base).toFixed(2)}x`;
  console.log('');
  console.log(
    `BFF in-process / bare Fastify:   ${ratio(rps.memory, rps.bare)}   (target >= 0.50x)`,
  );
  console.log(`BFF Redis / bare Fastify:        ${ratio(rps.redis, rps.bare)}   (target >= 0.35x)`);
  console.log(
    `BFF in-process / Express:        ${ratio(rps.memory, rps.express)}   (target >= 3.00x)`,
  );
  console.log(
    `default @fastify/session / bare: ${ratio(rps.defaultSession, rps.bare)}   (reference)`,
  );
} finally {
  for (const baseline of baselines) await baseline.close();
  await memoryStack.stop();
  await redisStack?.stop();
}
