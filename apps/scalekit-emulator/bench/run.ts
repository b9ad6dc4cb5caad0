// Benchmark of the emulator: CLI cold start (spawn to the printed SCALEKIT_* lines), SDK
// round trips, and search in an organization of 10,000 members among 100,000 users, each set
// against a baseline measured in the same run on the same machine (bare `node` start; bare
// HTTP/1.1 and h2c servers; one listOrganizationUsers page). Run:
// pnpm --filter @app/scalekit-emulator bench
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import http2 from 'node:http2';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScalekitClient } from '@scalekit-sdk/node';
import { buildSeed } from '../src/seed.js';
import { CookieJar, signInThroughHostedPage } from '../src/testing/index.js';
import { LARGE_ORG_ID, memberEmail, seedLargeDirectory } from './large-directory.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const STARTS = Number(process.env.BENCH_STARTS ?? 9);
const CALLS = Number(process.env.BENCH_CALLS ?? 300);
const EXCHANGES = Number(process.env.BENCH_EXCHANGES ?? 100);
const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 200);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 10_000);
const USERS = Number(process.env.BENCH_USERS ?? 100_000);

interface Row {
  what: string;
  n: number;
  p50: number;
  p99: number;
  baseline?: string;
  ratio?: number;
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function row(what: string, samples: number[], baseline?: Row): Row {
  const p50 = percentile(samples, 50);
  return {
    what,
    n: samples.length,
    p50,
    p99: percentile(samples, 99),
    ...(baseline === undefined ? {} : { baseline: baseline.what, ratio: p50 / baseline.p50 }),
  };
}

/** Spawns a process and resolves with the time until `readyLine` appears on its stdout. */
async function timeToLine(
  args: string[],
  readyLine: RegExp,
): Promise<{ ms: number; child: ChildProcess; out: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (readyLine.test(out)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${out}`)));
  });
  return { ms: performance.now() - started, child, out };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function coldStarts(args: string[], readyLine: RegExp, runs: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { ms, child } = await timeToLine(args, readyLine);
    samples.push(ms);
    await stop(child);
  }
  return samples;
}

async function timed(n: number, call: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await call(i);
    samples.push(performance.now() - started);
  }
  return samples;
}

async function main(): Promise<void> {
  // The bundle is what the launcher runs when it is fresh; build it first so the start is measured on it.
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['build.mjs'], { cwd: root, stdio: 'inherit' });
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`build failed (${code})`)),
    );
  });
  const rows: Row[] = [];

  const bareNode = row(
    'cold start: bare node printing a line',
    await coldStarts(
      ['-e', 'process.stdout.write("READY\\n"); setInterval(() => {}, 1000)'],
      /READY/,
      STARTS,
    ),
  );
  rows.push(bareNode);
  rows.push(
    row(
      'cold start: scalekit-emulator (bundle), to SCALEKIT_* lines',
      await coldStarts(
        ['bin/scalekit-emulator.js', '--port', '0', '--in-memory'],
        /SCALEKIT_CLIENT_SECRET=/,
        STARTS,
      ),
      bareNode,
    ),
  );
  rows.push(
    row(
      'cold start: from TypeScript sources via tsx',
      await coldStarts(
        ['--import', 'tsx', 'src/cli.ts', '--port', '0', '--in-memory'],
        /SCALEKIT_CLIENT_SECRET=/,
        3,
      ),
      bareNode,
    ),
  );

  // Baselines: the cheapest HTTP/1.1 and h2c round trips, in another process.
  const baseline = await timeToLine(['bench/baseline-servers.mjs'], /PORTS \d+ \d+/);
  const [, h1Port, h2Port] = /PORTS (\d+) (\d+)/.exec(baseline.out) ?? [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const h1Call = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: Number(h1Port), method: 'POST', path: '/', agent },
        (res) => {
          res.resume();
          res.on('end', resolve);
        },
      );
      req.on('error', reject);
      req.end('grant_type=authorization_code');
    });
  const session = http2.connect(`http://127.0.0.1:${h2Port}`);
  const h2Call = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const stream = session.request({ ':method': 'POST', ':path': '/' });
      stream.on('error', reject);
      stream.resume();
      stream.on('end', resolve);
      stream.end('{}');
    });
  await timed(50, h1Call);
  await timed(50, h2Call);
  const bareH1 = row('bare HTTP/1.1 POST (keep-alive)', await timed(CALLS, h1Call));
  const bareH2 = row('bare h2c POST', await timed(CALLS, h2Call));
  rows.push(bareH1, bareH2);

  // The emulator in its own process, driven by the unmodified SDK. The dev seed minus its webhook:
  // no application listens during the bench, and failed deliveries would be measured instead.
  const seedPath = join(mkdtempSync(join(tmpdir(), 'emulator-bench-')), 'seed.json');
  writeFileSync(
    seedPath,
    JSON.stringify(buildSeed({ appOrigin: 'http://localhost:3000', webhookUrl: null })),
  );
  const emulator = await timeToLine(
    ['bin/scalekit-emulator.js', '--port', '0', '--in-memory', '--seed', seedPath],
    /SCALEKIT_CLIENT_SECRET=/,
  );
  const value = (name: string): string =>
    new RegExp(`^${name}=(.*)$`, 'm').exec(emulator.out)?.[1] ?? '';
  const url = value('SCALEKIT_ENVIRONMENT_URL');
  const sdk = new ScalekitClient(url, value('SCALEKIT_CLIENT_ID'), value('SCALEKIT_CLIENT_SECRET'));
  await timed(20, (i) =>
    sdk.user.createUserAndMembership('org_globex', { email: `warm${i}@bench.test` }),
  );
  rows.push(
    row(
      'SDK createUserAndMembership (gRPC/h2c, invite)',
      await timed(CALLS, (i) =>
        sdk.user.createUserAndMembership('org_acme', { email: `bench${i}@bench.test` }),
      ),
      bareH2,
    ),
  );

  // Codes come from the hosted page (plain HTTP, +sktest address, code 424242); only the exchange is timed.
  const redirectUri = 'http://localhost:3000/api/callback';
  const jar = new CookieJar();
  const exchanges: number[] = [];
  for (let i = 0; i < EXCHANGES + 10; i++) {
    const verifier = randomBytes(32).toString('base64url');
    const authorizeUrl = sdk.getAuthorizationUrl(redirectUri, {
      state: randomBytes(8).toString('hex'),
      nonce: randomBytes(8).toString('hex'),
      scopes: ['openid', 'profile', 'email', 'offline_access'],
      codeChallenge: createHash('sha256').update(verifier).digest('base64url'),
      codeChallengeMethod: 'S256',
    });
    const page = await signInThroughHostedPage({
      authorizeUrl,
      email: 'admin+sktest@acme.test',
      cookieJar: jar,
      organizationId: 'org_acme',
    });
    if (page.code === null) throw new Error(`no code: ${page.error ?? page.redirectUrl}`);
    const code = page.code;
    const started = performance.now();
    await sdk.authenticateWithCode(code, redirectUri, { codeVerifier: verifier });
    if (i >= 10) exchanges.push(performance.now() - started);
  }
  rows.push(row('SDK authenticateWithCode (HTTP/1.1 token endpoint)', exchanges, bareH1));

  await stop(emulator.child);
  rows.push(...(await searchRows(seedPath)));
  await stop(baseline.child);
  session.close();
  agent.destroy();
  print(rows);
}

/** searchOrganizationUsers against one listOrganizationUsers page (30 rows) of the same organization. */
async function searchRows(seedPath: string): Promise<Row[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'emulator-bench-large-'));
  const seeding = performance.now();
  seedLargeDirectory(
    dataDir,
    buildSeed({ appOrigin: 'http://localhost:3000', webhookUrl: null }),
    MEMBERS,
    USERS,
  );
  console.log(
    `seeded ${USERS} users (${MEMBERS} in one organization) in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
  );
  const emulator = await timeToLine(
    ['bin/scalekit-emulator.js', '--port', '0', '--data-dir', dataDir, '--seed', seedPath],
    /SCALEKIT_CLIENT_SECRET=/,
  );
  const value = (name: string): string =>
    new RegExp(`^${name}=(.*)$`, 'm').exec(emulator.out)?.[1] ?? '';
  const sdk = new ScalekitClient(
    value('SCALEKIT_ENVIRONMENT_URL'),
    value('SCALEKIT_CLIENT_ID'),
    value('SCALEKIT_CLIENT_SECRET'),
  );
  const list = (): Promise<unknown> =>
    sdk.user.listOrganizationUsers(LARGE_ORG_ID, { pageSize: 30 });
  // One member: a part of one email, a different member each call.
  const one = (i: number): Promise<unknown> =>
    sdk.user.searchOrganizationUsers(LARGE_ORG_ID, memberEmail((i * 7919) % MEMBERS).slice(0, 8));
  // Every member: the first page of 30 and the count of all 10,000 matches (counted once, then
  // kept until the next write).
  const all = (): Promise<unknown> => sdk.user.searchOrganizationUsers(LARGE_ORG_ID, 'tenk.bench');
  // Every member again, each query new, so each call counts all 10,000 matches: the parts of
  // "@tenk.bench.test" that hold "enk" (only members' emails have it).
  const domain = '@tenk.bench.test';
  const everyMemberQueries: string[] = [];
  for (let start = 0; start <= 2; start++) {
    for (let end = 5; end <= domain.length; end++)
      everyMemberQueries.push(domain.slice(start, end));
  }
  const allUncounted = (i: number): Promise<unknown> =>
    sdk.user.searchOrganizationUsers(LARGE_ORG_ID, everyMemberQueries[i] ?? '');
  await timed(20, list);
  await timed(20, one);
  await timed(20, all);
  const listRow = row(
    `SDK listOrganizationUsers, one page of 30 (${MEMBERS} members)`,
    await timed(SEARCHES, list),
  );
  const rows = [
    listRow,
    row(
      'SDK searchOrganizationUsers, query matching one member',
      await timed(SEARCHES, one),
      listRow,
    ),
    row(
      `SDK searchOrganizationUsers, query matching all ${MEMBERS} members`,
      await timed(SEARCHES, all),
      listRow,
    ),
    row(
      `SDK searchOrganizationUsers, all ${MEMBERS} members, a new query each call`,
      await timed(everyMemberQueries.length, allUncounted),
      listRow,
    ),
    row(
      `SDK searchUsers, one of ${USERS} users`,
      await timed(SEARCHES, (i) =>
        sdk.user.searchUsers(
          `b${String(MEMBERS + ((i * 7919) % (USERS - MEMBERS))).padStart(6, '0')}@`,
        ),
      ),
      listRow,
    ),
  ];
  await stop(emulator.child);
  return rows;
}

function print(rows: Row[]): void {
  const header = ['measurement', 'n', 'p50 ms', 'p99 ms', 'p50 ratio', 'against'];
  const lines = rows.map((r) => [
    r.what,
    String(r.n),
    r.p50.toFixed(2),
    r.p99.toFixed(2),
    r.ratio === undefined ? '' : `${r.ratio.toFixed(1)}x`,
    r.baseline ?? '',
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...lines.map((line) => (line[i] ?? '').length)),
  );
  const format = (cells: string[]): string =>
    cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
  console.log(
    `\nNode ${process.version}, ${process.platform}/${process.arch}; medians of ${STARTS} starts\n`,
  );
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of lines) console.log(format(line));
}

await main();
