// Bulk invitation throughput: a 1,000-row CSV through the BFF (`POST /api/team/invitations/bulk`)
// against the same invitations made with direct SDK calls (createUserAndMembership +
// updateMembership) at the same concurrency, against the same in-process emulator, in one run.
// Prints rows/s of each and the ratio BFF / direct (target >= 0.8).
//
//   pnpm --filter @app/bff exec tsx bench/bulk-invite.ts [rows=1000] [rounds=2]
import { ScalekitClient } from '@scalekit-sdk/node';
import { buildSeed, startEmulator } from '@app/scalekit-emulator';
import { signInThroughHostedPage } from '@app/scalekit-emulator/testing';
import { routes, type BulkInviteEvent } from '@app/contracts';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config/env.js';
import { BULK_INVITE_CONCURRENCY } from '../src/team/bulk-invite.js';
import { Browser } from '../test/support/browser.js';
import { freePort } from '../test/support/free-port.js';

const ROWS = Number(process.argv[2] ?? 1000);
const ROUNDS = Number(process.argv[3] ?? 2);
const CONCURRENCY = BULK_INVITE_CONCURRENCY;

const port = await freePort();
const publicUrl = `http://localhost:${port}`;
// No webhook endpoint and no SMTP: both sides then measure only the invitation calls.
const emulator = await startEmulator({
  seed: buildSeed({ appOrigin: publicUrl, webhookUrl: null }),
  inMemory: true,
  smtpUrl: null,
  port: 0,
});
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
});
const app = await buildApp(config);
await app.listen({ host: '127.0.0.1', port });
const admin = new Browser(`http://127.0.0.1:${port}`, publicUrl);

async function signIn(): Promise<void> {
  const login = await admin.get(routes.login, { accept: 'html' });
  const authorizeUrl = login.headers.get('location') ?? '';
  const hosted = await signInThroughHostedPage({
    authorizeUrl,
    email: 'admin+sktest@acme.test',
    code: '424242',
  });
  const callback = await admin.get(admin.localPath(hosted.redirectUrl), { accept: 'html' });
  if (callback.status !== 302) throw new Error(`sign-in failed: ${callback.status}`);
}

function emails(tag: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `bench-${tag}-${index}@bench.test`);
}

async function throughBff(tag: string, count: number): Promise<number> {
  const csv = ['email,role', ...emails(tag, count).map((email) => `${email},member`)].join('\n');
  const started = performance.now();
  const response = await admin.request(routes.bulkInvitations, {
    method: 'POST',
    csrf: true,
    headers: { 'content-type': 'text/csv' },
    body: csv,
  });
  const elapsed = performance.now() - started;
  const finished = response.body
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as BulkInviteEvent)
    .at(-1);
  if (finished?.type !== 'finished' || finished.invited !== count) {
    throw new Error(`BFF run incomplete: ${JSON.stringify(finished)}`);
  }
  return elapsed;
}

const sdk = new ScalekitClient(emulator.url, emulator.clientId, emulator.clientSecret);

async function direct(tag: string, count: number): Promise<number> {
  const queue = emails(tag, count);
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < queue.length) {
      const email = queue[next] ?? '';
      next += 1;
      const created = await sdk.user.createUserAndMembership('org_globex', {
        email,
        sendInvitationEmail: true,
      });
      await sdk.user.updateMembership('org_globex', created.user?.id ?? '', {
        roles: ['member'],
        metadata: { invited_by: 'admin+sktest@globex.test' },
      });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return performance.now() - started;
}

const rate = (ms: number, count: number) => (count / ms) * 1000;

try {
  await signIn();
  // Warm up both paths (JIT, SDK token, connections) with a few rows each.
  await throughBff('warm', 20);
  await direct('warm', 20);
  const bffRates: number[] = [];
  const directRates: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    // Alternate the order so neither side always runs on the fuller database.
    const order = round % 2 === 0 ? (['bff', 'direct'] as const) : (['direct', 'bff'] as const);
    for (const side of order) {
      if (side === 'bff') bffRates.push(rate(await throughBff(`b${round}`, ROWS), ROWS));
      else directRates.push(rate(await direct(`d${round}`, ROWS), ROWS));
    }
  }
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const bff = median(bffRates);
  const sdkRate = median(directRates);
  console.log(`bulk invite, ${ROWS} rows, concurrency ${CONCURRENCY}, ${ROUNDS} rounds (median)`);
  console.log(
    `  direct SDK : ${sdkRate.toFixed(1)} rows/s  (${directRates.map((r) => r.toFixed(1)).join(', ')})`,
  );
  console.log(
    `  through BFF: ${bff.toFixed(1)} rows/s  (${bffRates.map((r) => r.toFixed(1)).join(', ')})`,
  );
  console.log(`  ratio BFF/direct: ${(bff / sdkRate).toFixed(2)}x (target >= 0.80x)`);
} finally {
  await app.close();
  await emulator.close();
}
