// Runs the BFF's real entry point (src/server.ts) as a child process against a running emulator,
// so tests can send it real signals; waits until it answers and stops it when asked.
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunningEmulator } from '@app/scalekit-emulator';
import { freePort } from './free-port.js';
import { SESSION_SECRET } from './harness.js';

export interface ServerProcess {
  url: string;
  publicUrl: string;
  child: ChildProcess;
  /** Resolves with the exit code once the process ended. */
  exited: Promise<number | null>;
  /** Everything the process wrote to stdout (its log lines). */
  output(): string;
  kill(): void;
}

/** Picks the port first: the emulator's seed must register `publicUrl`'s redirect URI. */
export async function reservePublicUrl(): Promise<{ port: number; publicUrl: string }> {
  const port = await freePort();
  return { port, publicUrl: `http://localhost:${port}` };
}

export async function startServerProcess(
  emulator: RunningEmulator,
  { port, publicUrl }: { port: number; publicUrl: string },
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: new URL('../..', import.meta.url),
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
      LOG_LEVEL: 'info',
      RATE_LIMIT_SIGN_IN_PER_MINUTE: '1000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const status = await fetch(`${url}/healthz`).then(
      (answer) => answer.status,
      () => 0,
    );
    if (status === 200) break;
    if (child.exitCode !== null) throw new Error('the server process exited at start-up');
    await sleep(100);
  }
  return {
    url,
    publicUrl,
    child,
    exited,
    output: () => output,
    kill: () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
