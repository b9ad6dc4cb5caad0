// Command line: scalekit-emulator --port <n> --seed <file> --data-dir <dir> --smtp-url <url> --in-memory.
// Each flag may also come from the environment (SCALEKIT_EMULATOR_*); flags win. This is the
// only module of the emulator that reads process.env.
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { startEmulator } from './emulator.js';
import { devSeedPath } from './paths.js';

const USAGE = `Usage: scalekit-emulator [options]

  --port <n>        port to listen on (default 8787, 0 = any free port)   SCALEKIT_EMULATOR_PORT
  --host <addr>     interface to bind (default 127.0.0.1)                 SCALEKIT_EMULATOR_HOST
  --seed <file>     seed JSON (default seeds/dev.json)                    SCALEKIT_EMULATOR_SEED
  --data-dir <dir>  SQLite data directory (default .data in the package)  SCALEKIT_EMULATOR_DATA_DIR
  --smtp-url <url>  SMTP server for outgoing mail, e.g. smtp://127.0.0.1:1025
                                                                          SCALEKIT_EMULATOR_SMTP_URL
  --public-url <u>  issuer / base URL (default http://localhost:<port>)   SCALEKIT_EMULATOR_PUBLIC_URL
  --in-memory       keep everything in memory, nothing on disk            SCALEKIT_EMULATOR_IN_MEMORY=1
  --help            show this text
`;

const OptionsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8787),
  host: z.string().min(1).default('127.0.0.1'),
  seed: z.string().min(1).default(devSeedPath),
  dataDir: z.string().min(1).optional(),
  smtpUrl: z.url({ protocol: /^smtps?$/ }).optional(),
  publicUrl: z.url({ protocol: /^https?$/ }).optional(),
  inMemory: z.boolean().default(false),
});

type CliOptions = z.output<typeof OptionsSchema>;

function readOptions(argv: string[], env: NodeJS.ProcessEnv): CliOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      'data-dir': { type: 'string' },
      'smtp-url': { type: 'string' },
      'public-url': { type: 'string' },
      'in-memory': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help === true) return 'help';
  const flag = (value: string | undefined, name: string): string | undefined =>
    value ?? (env[`SCALEKIT_EMULATOR_${name}`] || undefined);
  const parsed = OptionsSchema.safeParse(
    {
      port: flag(values.port, 'PORT'),
      host: flag(values.host, 'HOST'),
      seed: flag(values.seed, 'SEED'),
      dataDir: flag(values['data-dir'], 'DATA_DIR'),
      smtpUrl: flag(values['smtp-url'], 'SMTP_URL'),
      publicUrl: flag(values['public-url'], 'PUBLIC_URL'),
      inMemory:
        values['in-memory'] ??
        ['1', 'true', 'yes'].includes((env.SCALEKIT_EMULATOR_IN_MEMORY ?? '').toLowerCase()),
    },
    // Parsed once per process: zod's generated fast path would cost more than it saves.
    { jitless: true },
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  - ${issue.path.join('.')}: ${issue.message}`,
    );
    throw new Error(`Invalid options:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2), process.env);
  if (options === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  // Signals are wired before anything starts: a SIGTERM that lands during start-up (or right
  // after the ready lines) must still end in a clean shutdown, not the default kill.
  let stopRequested: NodeJS.Signals | undefined;
  let stop: (signal: NodeJS.Signals) => void = (signal) => {
    stopRequested = signal;
  };
  process.on('SIGTERM', (signal) => stop(signal));
  process.on('SIGINT', (signal) => stop(signal));

  const emulator = await startEmulator({
    port: options.port,
    host: options.host,
    seed: options.seed,
    dataDir: options.dataDir,
    inMemory: options.inMemory,
    smtpUrl: options.smtpUrl ?? null,
    publicUrl: options.publicUrl,
  });
  let stopping = false;
  stop = (signal) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`scalekit-emulator: ${signal}, shutting down\n`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('scalekit-emulator: shutdown failed', error);
        process.exit(1);
      },
    );
  };
  if (stopRequested !== undefined) {
    stop(stopRequested);
    return;
  }
  process.stdout.write(
    `SCALEKIT_ENVIRONMENT_URL=${emulator.url}\nSCALEKIT_CLIENT_ID=${emulator.clientId}\nSCALEKIT_CLIENT_SECRET=${emulator.clientSecret}\n`,
  );
  process.stderr.write(
    `scalekit-emulator: listening on ${options.host}:${emulator.port}, ` +
      `${options.inMemory ? 'in memory' : `data in ${options.dataDir ?? '.data'}`}, ` +
      `mail ${options.smtpUrl ?? 'kept in the outbox (no SMTP URL)'}\n`,
  );
}

main().catch((error: unknown) => {
  // Seed and option errors carry readable multi-line messages; nothing else is expected here.
  process.stderr.write(
    `scalekit-emulator: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
