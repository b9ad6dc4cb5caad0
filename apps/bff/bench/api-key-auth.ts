// What an organization API key costs per request: `GET /api/team/members` (served from the member
// index, no Scalekit call) with a signed-in session's cookie against the same request with a
// Bearer key (one SHA-256, one indexed read of the key, the per-key rate limit), on SQLite, in
// one run. Prints requests/s and the ratio.
//
//   pnpm --filter @app/bff exec tsx bench/api-key-auth.ts [seconds=3] [rounds=3]
import { routes } from '@app/contracts';
import { createKey } from '../test/api-key-fixtures.js';
import { startStack } from '../test/support/harness.js';
import { measure } from './autocannon.js';

const SECONDS = Number(process.argv[2] ?? 3);
const ROUNDS = Number(process.argv[3] ?? 3);
const CONNECTIONS = 50;
const ADMIN = 'admin+sktest@acme.test';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function load(name: string, url: string, headers: Record<string, string>, seconds: number) {
  const result = await measure({
    url,
    headers,
    connections: CONNECTIONS,
    durationSeconds: seconds,
  });
  if (result.failures > 0) throw new Error(`${name}: ${result.failures} failed requests`);
  return result.rps;
}

const stack = await startStack({
  env: {
    LOG_LEVEL: 'warn',
    RATE_LIMIT_API_KEY_PER_MINUTE: '100000000',
  },
});
try {
  const admin = await stack.signIn(ADMIN);
  const { secret } = await createKey(admin, ['members:read']);
  const url = `${stack.bff.url}${routes.members}`;
  // The first listing builds the member index; wait until lists come from it.
  for (
    let attempt = 0;
    attempt < 50 && !(await stack.bff.app.memberIndex.isReady('org_acme'));
    attempt += 1
  ) {
    await admin.get(routes.members);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const targets: { name: string; headers: Record<string, string> }[] = [
    { name: 'session cookie', headers: { cookie: admin.cookieHeader() } },
    { name: 'API key (Bearer)', headers: { authorization: `Bearer ${secret}` } },
  ];
  for (const target of targets) await load(target.name, url, target.headers, 1); // warm-up
  const samples = new Map<string, number[]>(targets.map((target) => [target.name, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const target of targets) {
      samples.get(target.name)?.push(await load(target.name, url, target.headers, SECONDS));
    }
  }
  console.log(
    `GET /api/team/members, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s\n`,
  );
  for (const [name, values] of samples) {
    const runs = values.map((value) => value.toFixed(0)).join(', ');
    console.log(
      `${name.padEnd(20)} ${median(values).toFixed(0).padStart(8)} req/s  (runs: ${runs})`,
    );
  }
  const session = samples.get('session cookie') ?? [];
  const key = samples.get('API key (Bearer)') ?? [];
  const ratio = median(key.map((value, round) => value / (session[round] ?? value)));
  console.log(`\nAPI key / session: ${ratio.toFixed(2)}x   (target >= 0.50x)`);
} finally {
  await stack.stop();
}
