// Runs autocannon in a child process (so the load generator does not share the servers' event
// loop) and returns the average requests per second.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const AUTOCANNON_BIN = path.join(
  path.dirname(require.resolve('autocannon/package.json')),
  'autocannon.js',
);

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  connections?: number;
  durationSeconds?: number;
}

interface AutocannonResult {
  requests: { average: number };
  latency: { p99: number };
  non2xx: number;
  errors: number;
}

export async function measure(
  options: LoadOptions,
): Promise<{ rps: number; p99: number; failures: number }> {
  const args = [
    '-j',
    '-c',
    String(options.connections ?? 50),
    '-d',
    String(options.durationSeconds ?? 5),
  ];
  for (const [name, value] of Object.entries(options.headers ?? {}))
    args.push('-H', `${name}=${value}`);
  args.push(options.url);
  const child = spawn(process.execPath, [AUTOCANNON_BIN, ...args], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`autocannon exited with ${code}`);
  const result = JSON.parse(output) as AutocannonResult;
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors,
  };
}
