// Team routes at 100, 10,000 and 100,000 members in an environment of over 100,000 users: p50
// of each route per organization size, the ratio 100,000 vs 100 (target <= 1.5x), and the
// Scalekit calls per request (counted on the wire by a proxy in front of the emulator), which
// must not change with the size. The emulator's directory is written straight into its SQLite
// once per run; each organization's member index is built before its routes are measured.
//
//   pnpm --filter @app/bff exec tsx bench/team-scale.ts [iterations=15]
import { buildSeed, startEmulator } from '@app/scalekit-emulator';
import { signInThroughHostedPage } from '@app/scalekit-emulator/testing';
import { routes, type BulkInviteEvent } from '@app/contracts';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config/env.js';
import { Browser } from '../test/support/browser.js';
import { seededUserId, seedOrganization, seedUsers } from '../test/support/directory-seeder.js';
import { freePort } from '../test/support/free-port.js';
import { startThrottlingProxy } from '../test/team-throttling-proxy.js';

const ITERATIONS = Number(process.argv[2] ?? 15);
const SIZES = [100, 10_000, 100_000] as const;
const BULK_ROWS = 1_000;
const BULK_KNOWN = 50;

let emulatorPort = 0;
const proxy = await startThrottlingProxy({
  target: () => emulatorPort,
  message: '',
  throttle: () => false,
});
const port = await freePort();
const publicUrl = `http://localhost:${port}`;
const emulator = await startEmulator({
  seed: buildSeed({ appOrigin: publicUrl, webhookUrl: null }),
  inMemory: true,
  smtpUrl: null,
  port: 0,
  settings: { issuer: proxy.url },
});
emulatorPort = emulator.port;
const config = loadConfig({
  NODE_ENV: 'test',
  SCALEKIT_ENVIRONMENT_URL: emulator.url,
  SCALEKIT_CLIENT_ID: emulator.clientId,
  SCALEKIT_CLIENT_SECRET: emulator.clientSecret,
  APP_PUBLIC_URL: publicUrl,
  SESSION_SECRET: 'bench-session-secret-0123456789abcdef-0123456789',
  PORT: String(port),
  LOG_LEVEL: 'warn',
  WEB_MODE: 'none',
  RATE_LIMIT_INVITE_PER_MINUTE: '100000',
  RATE_LIMIT_INVITE_PER_IP_PER_MINUTE: '100000',
  RATE_LIMIT_SIGN_IN_PER_MINUTE: '1000',
  // On a loaded machine a call can pass the 5 s default; a row refused for it would fail the run.
  SCALEKIT_TIMEOUT_MS: '30000',
});
const app = await buildApp(config);
await app.listen({ host: '127.0.0.1', port });

interface Organization {
  size: number;
  id: string;
  prefix: string;
  admin: Browser;
  secondAdminId: string;
}

const callsSoFar = () => [...proxy.forwarded.values()].reduce((sum, count) => sum + count, 0);

async function signIn(email: string): Promise<Browser> {
  const browser = new Browser(`http://127.0.0.1:${port}`, publicUrl);
  const login = await browser.get(routes.login, { accept: 'html' });
  const hosted = await signInThroughHostedPage({
    authorizeUrl: login.headers.get('location') ?? '',
    email,
    code: '424242',
  });
  const callback = await browser.get(browser.localPath(hosted.redirectUrl), { accept: 'html' });
  if (callback.status !== 302) throw new Error(`sign-in failed: ${callback.status}`);
  return browser;
}

async function prepare(size: number): Promise<Organization> {
  const id = seedOrganization(emulator, `org_size${size}`, `Size ${size}`);
  const prefix = `m${size}`;
  seedUsers(emulator, size, prefix, id);
  // Two admins who can sign in with the test code; the second is demoted and promoted again.
  const adminPrefix = `adm+sktest${size}`;
  seedUsers(emulator, 2, adminPrefix, id);
  emulator.context.db
    .prepare(
      `UPDATE memberships SET roles = '["admin"]' WHERE organization_id = ? AND user_id IN (?, ?)`,
    )
    .run(id, seededUserId(adminPrefix, 0), seededUserId(adminPrefix, 1));
  // Seeding blocked this process for seconds: let the keep-alive sockets that timed out meanwhile
  // close before the next request, or it may be sent on one as it closes (ECONNRESET).
  await new Promise((resolve) => setTimeout(resolve, 250));
  const admin = await signIn(`${adminPrefix}-0@scale.test`);
  const started = performance.now();
  app.memberIndex.startRebuild(id);
  await app.memberIndex.running(id);
  const built = performance.now() - started;
  console.log(`  indexed ${size} members in ${(built / 1000).toFixed(1)} s`);
  return { size, id, prefix, admin, secondAdminId: seededUserId(adminPrefix, 1) };
}

function check(status: number, expected: number, what: string, body: string): void {
  if (status !== expected) throw new Error(`${what} answered ${status}: ${body.slice(0, 200)}`);
}

interface Sample {
  ms: number[];
  calls: number[];
}

async function sample(times: number, work: (index: number) => Promise<void>): Promise<Sample> {
  const result: Sample = { ms: [], calls: [] };
  for (let index = 0; index < times; index += 1) {
    const calls = callsSoFar();
    const started = performance.now();
    await work(index);
    result.ms.push(performance.now() - started);
    result.calls.push(callsSoFar() - calls);
  }
  return result;
}

async function measure(org: Organization): Promise<Record<string, Sample>> {
  const { admin, prefix } = org;
  const get = async (query: string, what: string) => {
    const response = await admin.get(`${routes.members}?${query}`);
    check(response.status, 200, what, response.body);
  };
  const json = (method: string, path: string, body: unknown) =>
    admin.request(path, {
      method,
      csrf: true,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  // People of another organization to invite, one per iteration.
  const elsewhere = seedOrganization(emulator, `org_away${org.size}`, 'Away');
  seedUsers(emulator, ITERATIONS, `away${org.size}`, elsewhere);
  // Warm-up: connections, JIT, the SDK's token.
  await get('pageSize=25', 'warm-up');

  const results: Record<string, Sample> = {};
  results['list first page'] = await sample(ITERATIONS, () => get('pageSize=25', 'list'));
  // One member of the organization by the start of the email, then by the whole name: both
  // come from the member index's search terms, whatever the organization's size.
  results.search = await sample(ITERATIONS, (i) =>
    get(`search=${encodeURIComponent(`${prefix}-${7 + i}@`)}`, 'search'),
  );
  results['search by name'] = await sample(ITERATIONS, (i) =>
    get(`search=${encodeURIComponent(`person${7 + i} ${prefix}`)}`, 'search by name'),
  );
  results['filter by status'] = await sample(ITERATIONS, () =>
    get('status=pending&pageSize=25', 'filter'),
  );
  results['invite existing user'] = await sample(ITERATIONS, async (i) => {
    const response = await json('POST', routes.invitations, {
      email: `away${org.size}-${i}@scale.test`,
      role: 'member',
    });
    check(response.status, 201, 'invite', response.body);
  });
  const demote: Sample = { ms: [], calls: [] };
  for (let i = 0; i < ITERATIONS; i += 1) {
    const up = await json('PATCH', routes.member(org.secondAdminId), { role: 'admin' });
    check(up.status, 200, 'promote', up.body);
    const one = await sample(1, async () => {
      const down = await json('PATCH', routes.member(org.secondAdminId), { role: 'member' });
      check(down.status, 200, 'demote', down.body);
    });
    demote.ms.push(...one.ms);
    demote.calls.push(...one.calls);
  }
  results['demote an admin'] = demote;
  results[`bulk import ${BULK_ROWS} rows`] = await sample(1, async () => {
    const known = Array.from({ length: BULK_KNOWN }, (_, i) => `${prefix}-${2 + i}@scale.test`);
    const fresh = Array.from(
      { length: BULK_ROWS - BULK_KNOWN },
      (_, i) => `new${org.size}-${i}@bulk.test`,
    );
    const response = await admin.request(routes.bulkInvitations, {
      method: 'POST',
      csrf: true,
      headers: { 'content-type': 'text/csv' },
      body: ['email', ...known, ...fresh].join('\n'),
    });
    const finished = response.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as BulkInviteEvent)
      .at(-1);
    if (
      finished?.type !== 'finished' ||
      finished.invited !== BULK_ROWS - BULK_KNOWN ||
      finished.alreadyMember !== BULK_KNOWN
    ) {
      throw new Error(`bulk import incomplete: ${JSON.stringify(finished)}`);
    }
  });
  return results;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

try {
  const seeding = performance.now();
  // The rest of the environment: users of no organization, so that it holds over 100,000.
  seedUsers(emulator, 20_000, 'crowd');
  const organizations: Organization[] = [];
  for (const size of SIZES) organizations.push(await prepare(size));
  const users = emulator.context.db.prepare('SELECT COUNT(*) AS n FROM users').get() as {
    n: number;
  };
  console.log(
    `  environment: ${users.n} users, prepared in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
  );

  const bySize = new Map<number, Record<string, Sample>>();
  for (const org of organizations) bySize.set(org.size, await measure(org));

  const small = bySize.get(SIZES[0]) ?? {};
  const large = bySize.get(SIZES[2]) ?? {};
  console.log(
    `\nteam routes, p50 ms per organization size (${ITERATIONS} requests each; bulk: one run)`,
  );
  console.log(
    [
      'route'.padEnd(24),
      ...SIZES.map((size) => `${size}`.padStart(9)),
      '100k/100'.padStart(9),
      'calls/req'.padStart(20),
    ].join(' '),
  );
  let worst = 0;
  for (const route of Object.keys(small)) {
    const p50s = SIZES.map((size) => median(bySize.get(size)?.[route]?.ms ?? []));
    const ratio = median(large[route]?.ms ?? []) / Math.max(median(small[route]?.ms ?? []), 0.001);
    worst = Math.max(worst, ratio);
    const calls = SIZES.map((size) => {
      const counts = new Set(bySize.get(size)?.[route]?.calls ?? []);
      return [...counts].join('/');
    });
    console.log(
      [
        route.padEnd(24),
        ...p50s.map((ms) => ms.toFixed(1).padStart(9)),
        `${ratio.toFixed(2)}x`.padStart(9),
        calls.join(' | ').padStart(20),
      ].join(' '),
    );
  }
  console.log(`worst ratio 100,000 vs 100 members: ${worst.toFixed(2)}x (target <= 1.50x)`);
} finally {
  await app.close();
  await emulator.close();
  await proxy.close();
}
