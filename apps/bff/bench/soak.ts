// Memory under sustained load: 200 signed-in sessions hit the BFF (a real server process) for a
// bounded time with a realistic mix (session checks, member lists, roles; tokens expiring and
// refreshing along the way), and the BFF's heap after forced GC is compared at the start, the
// middle and the end. A leak shows as a heap that keeps growing from middle to end.
//
//   pnpm --filter @app/bff bench:soak                 (180 s, 200 sessions, 250 ms think time)
//   pnpm --filter @app/bff bench:soak -- [seconds] [sessions] [think-ms]
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildSeed, startEmulator } from '@app/scalekit-emulator';
import { startMailbox } from '@app/scalekit-emulator/testing';
import { routes } from '@app/contracts';
import { Browser } from '../test/support/browser.js';
import { freePort } from '../test/support/free-port.js';
import { SESSION_SECRET, signInWith } from '../test/support/harness.js';

const SECONDS = Number(process.argv[2] ?? 180);
const SESSIONS = Number(process.argv[3] ?? 200);
/** Pause between one session's requests, as a person's browser has; 0 hammers. */
const THINK_MS = Number(process.argv[4] ?? 250);
const ADMIN = 'admin+sktest@acme.test';
/** Short-lived access tokens, so every session refreshes several times during the soak. */
const ACCESS_TOKEN_TTL_SECONDS = 120;

interface HeapFigures {
  heapUsed: number;
  rss: number;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

async function main(): Promise<void> {
  const port = await freePort();
  const publicUrl = `http://localhost:${port}`;
  const mailbox = await startMailbox();
  const emulator = await startEmulator({
    seed: buildSeed({ appOrigin: publicUrl }),
    smtpUrl: mailbox.smtpUrl,
    settings: { accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS },
    inMemory: true,
    port: 0,
  });
  const probe = new URL('./support/heap-probe.ts', import.meta.url).pathname;
  const bff = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', '--import', probe, 'src/server.ts'],
    {
      cwd: new URL('..', import.meta.url),
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        PORT: String(port),
        HOST: '127.0.0.1',
        APP_PUBLIC_URL: publicUrl,
        SCALEKIT_ENVIRONMENT_URL: emulator.url,
        SCALEKIT_CLIENT_ID: emulator.clientId,
        SCALEKIT_CLIENT_SECRET: emulator.clientSecret,
        SESSION_SECRET,
        WEB_MODE: 'none',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_SIGN_IN_PER_MINUTE: '100000',
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const heap = (): Promise<HeapFigures> =>
    new Promise((resolve) => {
      bff.once('message', (figures) => resolve(figures as HeapFigures));
      bff.send('heap');
    });

  try {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const up = await fetch(`${url}${routes.health}`).then(
        (answer) => answer.ok,
        () => false,
      );
      if (up) break;
      await sleep(100);
    }
    const browsers: Browser[] = [];
    for (let index = 0; index < SESSIONS; index += 1) {
      const browser = new Browser(url, publicUrl);
      await signInWith(browser, ADMIN, mailbox);
      browsers.push(browser);
    }
    console.log(`${SESSIONS} sessions signed in; soaking for ${SECONDS} s`);

    let requests = 0;
    let failures = 0;
    let running = true;
    // Mostly session checks (every page load), some member and role lists (Scalekit calls, kept
    // rare: the emulator shares this process and the machine with the load generator).
    const paths = [
      ...Array.from({ length: 18 }, () => routes.session),
      routes.members,
      routes.roles,
    ];
    const loops = browsers.map(async (browser, index) => {
      for (let turn = index; running; turn += 1) {
        const answer = await browser.get(paths[turn % paths.length] ?? routes.session);
        requests += 1;
        if (answer.status !== 200) failures += 1;
        // The Browser keeps every response for token scans; a soak must not grow it.
        browser.responses.length = 0;
        if (THINK_MS > 0) await sleep(THINK_MS);
      }
    });

    await sleep(10_000); // warm-up: JIT, caches and pools settle before the first sample
    const start = await heap();
    const startRequests = requests;
    await sleep((SECONDS * 1000) / 2);
    const middle = await heap();
    await sleep((SECONDS * 1000) / 2);
    const end = await heap();
    const soaked = requests - startRequests;
    running = false;
    await Promise.all(loops);

    console.log(
      `requests: ${soaked} in ${SECONDS} s (${(soaked / SECONDS).toFixed(0)} req/s), non-200: ${failures}`,
    );
    console.log('                 heap after GC     RSS');
    for (const [name, figures] of [
      ['start', start],
      ['middle', middle],
      ['end', end],
    ] as const) {
      console.log(
        `${name.padEnd(16)} ${mb(figures.heapUsed).padStart(8)} MB  ${mb(figures.rss).padStart(8)} MB`,
      );
    }
    const growth = end.heapUsed / middle.heapUsed;
    console.log(
      `heap end/start ${(end.heapUsed / start.heapUsed).toFixed(3)}x, end/middle ${growth.toFixed(3)}x`,
    );
    // Retained memory that keeps growing in the second half is a leak; a one-off rise while
    // caches fill is not.
    const leaking = growth > 1.1;
    console.log(leaking ? 'LEAK: the heap kept growing' : 'no leak: the heap held steady');
    if (failures > 0) {
      console.log(
        'note: non-200 answers mean the emulator fell behind; the heap figures still hold',
      );
    }
    process.exitCode = leaking ? 1 : 0;
  } finally {
    bff.kill('SIGTERM');
    await new Promise((resolve) => bff.once('exit', resolve));
    await emulator.close();
    await mailbox.close();
  }
}

await main();
