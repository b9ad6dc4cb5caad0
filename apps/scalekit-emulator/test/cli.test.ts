import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScalekitClient } from '@scalekit-sdk/node';
import { afterEach, describe, expect, it } from 'vitest';

const launcher = fileURLToPath(new URL('../bin/scalekit-emulator.js', import.meta.url));

interface Launched {
  child: ChildProcessWithoutNullStreams;
  values: Record<string, string>;
  exit: Promise<{ code: number | null; stderr: string }>;
}

function launch(args: string[], env: Record<string, string> = {}): Launched {
  const child = spawn(process.execPath, [launcher, ...args], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stderr })),
  );
  return { child, values: {}, exit };
}

/** Resolves with the printed SCALEKIT_* values once all three lines are out. */
async function ready(launched: Launched): Promise<Record<string, string>> {
  let stdout = '';
  return new Promise((resolve, reject) => {
    launched.child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const values = Object.fromEntries(
        [...stdout.matchAll(/^(SCALEKIT_[A-Z_]+)=(.*)$/gm)].map((match) => [match[1], match[2]]),
      ) as Record<string, string>;
      if (Object.keys(values).length === 3) resolve(values);
    });
    void launched.exit.then(({ code, stderr }) =>
      reject(new Error(`exited with ${code}: ${stderr}`)),
    );
  });
}

describe('the scalekit-emulator command', () => {
  const running: Launched[] = [];
  afterEach(() => {
    for (const launched of running.splice(0)) launched.child.kill('SIGKILL');
  });

  it('prints the three SCALEKIT_* values, serves the SDK, and exits 0 on SIGTERM', async () => {
    const launched = launch(['--port', '0', '--in-memory']);
    running.push(launched);
    const values = await ready(launched);
    expect(values.SCALEKIT_ENVIRONMENT_URL).toMatch(/^http:\/\/localhost:\d+$/);
    expect(values.SCALEKIT_CLIENT_ID).toBe('skc_dev_client');
    const sdk = new ScalekitClient(
      values.SCALEKIT_ENVIRONMENT_URL ?? '',
      values.SCALEKIT_CLIENT_ID ?? '',
      values.SCALEKIT_CLIENT_SECRET ?? '',
    );
    expect((await sdk.organization.getOrganization('org_acme')).organization?.displayName).toBe(
      'Acme',
    );
    launched.child.kill('SIGTERM');
    const { code } = await launched.exit;
    expect(code).toBe(0);
  });

  it('takes its options from SCALEKIT_EMULATOR_* variables', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const launched = launch([], {
      SCALEKIT_EMULATOR_PORT: '0',
      SCALEKIT_EMULATOR_DATA_DIR: join(dir, 'data'),
      SCALEKIT_EMULATOR_PUBLIC_URL: 'http://127.0.0.1:1',
    });
    running.push(launched);
    const values = await ready(launched);
    expect(values.SCALEKIT_ENVIRONMENT_URL).toBe('http://127.0.0.1:1');
    launched.child.kill('SIGINT');
    expect((await launched.exit).code).toBe(0);
  });

  it('exits 1 with every bad key listed when the seed is invalid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const seedPath = join(dir, 'seed.json');
    writeFileSync(
      seedPath,
      JSON.stringify({ clients: [{ id: 'nope', secret: 'x', redirectUris: [] }] }),
    );
    const launched = launch(['--port', '0', '--in-memory', '--seed', seedPath]);
    const { code, stderr } = await launched.exit;
    expect(code).toBe(1);
    expect(stderr).toContain('clients.0.id');
    expect(stderr).toContain('clients.0.secret');
    expect(stderr).toContain('clients.0.redirectUris');
  });

  it('exits 1 on an unknown flag or a bad port', async () => {
    expect((await launch(['--prot', '1']).exit).code).toBe(1);
    const { code, stderr } = await launch(['--port', 'abc']).exit;
    expect(code).toBe(1);
    expect(stderr).toContain('port');
  });
});
