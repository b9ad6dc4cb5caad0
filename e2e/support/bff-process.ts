// Runs the BFF the way production does (`tsx src/server.ts` in apps/bff, NODE_ENV=production,
// serving the built SPA) as a child process, waits for /readyz, and stops it with SIGTERM. Each
// process gets its own SQLite database in a temp dir, so runs never share a developer's data.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bffDir, webSnapshotDir } from './paths.js';

export interface BffProcess {
  /** The public origin browsers use, e.g. http://localhost:41234. */
  url: string;
  /** Everything the process wrote to stdout and stderr so far (pino JSON lines). */
  logs(): string;
  stop(): Promise<void>;
}

export interface StartBffOptions {
  port: number;
  env: Record<string, string>;
  readyTimeoutMs?: number;
}

const SERVER_ENTRY = 'src/server.ts';

export async function startBff(options: StartBffOptions): Promise<BffProcess> {
  if (!existsSync(resolve(webSnapshotDir, 'index.html'))) {
    throw new Error(
      `No SPA build at ${webSnapshotDir}: the global setup copies it there from apps/web/dist.`,
    );
  }
  const url = `http://localhost:${options.port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'e2e-bff-data-'));
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_ENTRY], {
    cwd: bffDir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(options.port),
      APP_PUBLIC_URL: url,
      WEB_MODE: 'static',
      WEB_DIST_DIR: webSnapshotDir,
      LOG_LEVEL: 'info',
      DATABASE_FILE: join(dataDir, 'teamspace.sqlite'),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
  const logs = (): string => output.join('');

  try {
    await waitForReady(
      child,
      `http://127.0.0.1:${options.port}/readyz`,
      options.readyTimeoutMs ?? 30_000,
    );
  } catch (error) {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n--- BFF output ---\n${logs()}`);
  }
  return {
    url,
    logs,
    async stop() {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitForReady(
  child: ChildProcess,
  readyUrl: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `The BFF exited (${String(child.exitCode ?? child.signalCode)}) before it was ready.`,
      );
    }
    try {
      const response = await fetch(readyUrl, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((wake) => setTimeout(wake, 100));
  }
  throw new Error(`The BFF was not ready within ${timeoutMs} ms (last /readyz: ${last}).`);
}

/** SIGTERM for a graceful shutdown; SIGKILL if it has not exited after 5 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
