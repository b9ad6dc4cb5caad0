// Starts a whole stack for integration tests: the Scalekit emulator (in memory, or on a data
// dir so it can be restarted), a real SMTP mailbox, optionally a real redis-server, and one or
// more BFF instances on free ports. `signIn(email)` completes the real sign-in flow through the
// emulator's hosted page and returns a Browser holding the session cookie.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildSeed, startEmulator, type RunningEmulator, type Seed } from '@app/scalekit-emulator';
import {
  signInThroughHostedPage,
  startMailbox,
  type Mailbox,
} from '@app/scalekit-emulator/testing';
import { routes } from '@app/contracts';
import { buildApp } from '../../src/app.js';
import { loadConfig, type AppConfig } from '../../src/config/env.js';
import { Browser } from './browser.js';
import { freePort } from './free-port.js';
import { LogCapture } from './log-capture.js';
import { createPostgresDatabase } from './postgres.js';
import { startRedisServer, type RedisServer } from './redis-server.js';
import { startCountingProxy, type CountingProxy } from './tcp-proxy.js';

export const SESSION_SECRET = 'test-session-secret-0123456789abcdef-0123456789';
export const TEST_CODE = '424242';

export interface StackOptions {
  /** Start a real redis-server and point every instance at it. */
  redis?: boolean;
  /** Number of BFF instances sharing the store (default 1). */
  instances?: number;
  /** Extra environment for the BFF (e.g. short timeouts). */
  env?: Record<string, string>;
  /** Emulator settings (e.g. accessTokenTtlSeconds). */
  emulatorSettings?: Record<string, unknown>;
  /** Keep the emulator's data on disk so it can be stopped and restarted on the same port. */
  persistentEmulator?: boolean;
  /** Serve the app as https://localhost:<port> (Secure, __Host- cookies); traffic stays plain. */
  https?: boolean;
  /** False: the emulator sends no webhooks to the app (default true). */
  webhooks?: boolean;
  /** Put a TCP proxy in front of the emulator that counts refresh grants on the wire. */
  countingProxy?: boolean;
  /** The app's database, shared by every instance: an SQLite file (default) or PostgreSQL. */
  database?: 'sqlite' | 'postgres';
  /** The emulator's interceptors, given the first BFF instance's URL (they call the app there). */
  interceptors?: (appUrl: string) => Seed['interceptors'];
}

export interface BffInstance {
  app: FastifyInstance;
  url: string;
  config: AppConfig;
  logs: LogCapture;
  refreshGrants: string[];
}

export interface Stack {
  publicUrl: string;
  emulator: RunningEmulator;
  mailbox: Mailbox;
  redis: RedisServer | undefined;
  proxy: CountingProxy | undefined;
  instances: BffInstance[];
  /** The first instance. */
  bff: BffInstance;
  browser(instance?: BffInstance): Browser;
  signIn(email: string, options?: { instance?: BffInstance; returnTo?: string }): Promise<Browser>;
  stopEmulator(): Promise<void>;
  restartEmulator(): Promise<void>;
  allLogs(): string;
  stop(): Promise<void>;
}

/** Completes a real sign-in in `client` through the emulator's hosted page. */
export async function signInWith(
  client: Browser,
  email: string,
  mailbox: Mailbox,
  returnTo?: string,
): Promise<void> {
  const query = returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`;
  const login = await client.get(`${routes.login}${query}`, { accept: 'html' });
  const authorizeUrl = login.headers.get('location');
  if (login.status !== 302 || authorizeUrl === null)
    throw new Error(`login answered ${login.status}`);
  const hosted = await signInThroughHostedPage({
    authorizeUrl,
    email,
    ...(email.includes('+sktest') ? { code: TEST_CODE } : { mailbox }),
  });
  const callback = await client.get(client.localPath(hosted.redirectUrl), { accept: 'html' });
  if (callback.status !== 302)
    throw new Error(`callback answered ${callback.status}: ${callback.body}`);
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const instanceCount = options.instances ?? 1;
  // The emulator's seed registers the app's redirect URI, so the app's port comes first.
  const ports = await Promise.all(Array.from({ length: instanceCount }, () => freePort()));
  const firstPort = ports[0] ?? 0;
  const publicUrl = `${options.https === true ? 'https' : 'http'}://localhost:${firstPort}`;
  const mailbox = await startMailbox();
  const redis = options.redis === true ? await startRedisServer() : undefined;
  const dataDir =
    options.persistentEmulator === true ? mkdtempSync(path.join(tmpdir(), 'bff-emu-')) : undefined;
  const seed: Seed = {
    ...buildSeed({
      appOrigin: publicUrl,
      ...(options.webhooks === false ? { webhookUrl: null } : {}),
    }),
    ...(options.interceptors === undefined
      ? {}
      : { interceptors: options.interceptors(`http://127.0.0.1:${firstPort}`) }),
  };
  const emulatorOptions = {
    seed,
    smtpUrl: mailbox.smtpUrl,
    settings: options.emulatorSettings ?? {},
    ...(dataDir === undefined ? { inMemory: true } : { dataDir }),
  };
  const proxyPort = options.countingProxy === true ? await freePort() : undefined;
  const emulatorPublic =
    proxyPort === undefined ? {} : { publicUrl: `http://localhost:${proxyPort}` };
  let emulator = await startEmulator({ ...emulatorOptions, ...emulatorPublic, port: 0 });
  const emulatorPort = emulator.port;
  const proxy =
    proxyPort === undefined ? undefined : await startCountingProxy(proxyPort, () => emulator.port);

  const databaseDir = mkdtempSync(path.join(tmpdir(), 'bff-db-'));
  const postgres = options.database === 'postgres' ? await createPostgresDatabase() : undefined;
  const databaseEnv =
    postgres === undefined
      ? { DATABASE_FILE: path.join(databaseDir, 'teamspace.sqlite') }
      : { DATABASE_URL: postgres.url };

  const instances: BffInstance[] = [];
  for (const port of ports) {
    const config = loadConfig({
      NODE_ENV: 'test',
      SCALEKIT_ENVIRONMENT_URL: emulator.url,
      SCALEKIT_CLIENT_ID: emulator.clientId,
      SCALEKIT_CLIENT_SECRET: emulator.clientSecret,
      APP_PUBLIC_URL: publicUrl,
      SESSION_SECRET,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SCALEKIT_TIMEOUT_MS: '2000',
      WEB_MODE: 'none',
      // Tests sign in and invite faster than people do; the limits have their own tests
      // (security-checklist, invite-rate-limits), which set them low.
      RATE_LIMIT_SIGN_IN_PER_MINUTE: '1000',
      RATE_LIMIT_INVITE_PER_MINUTE: '1000',
      // The BFF's own emails go to the same real SMTP mailbox as the emulator's.
      SMTP_URL: mailbox.smtpUrl,
      ...(seed.webhook === undefined || seed.webhook === null
        ? {}
        : { SCALEKIT_WEBHOOK_SECRET: seed.webhook.secret }),
      ...(redis === undefined ? {} : { REDIS_URL: redis.url }),
      // https: the test plays the TLS proxy in front of the BFF (X-Forwarded-Proto, see Browser).
      ...(options.https === true ? { TRUST_PROXY: 'true' } : {}),
      ...databaseEnv,
      ...options.env,
    });
    const logs = new LogCapture();
    const refreshGrants: string[] = [];
    const app = await buildApp(config, {
      logStream: logs,
      onRefreshGrant: (id) => refreshGrants.push(id),
    });
    await app.listen({ host: '127.0.0.1', port });
    instances.push({ app, url: `http://127.0.0.1:${port}`, config, logs, refreshGrants });
  }
  const [bff] = instances;
  if (bff === undefined) throw new Error('no BFF instance');

  const browser = (instance: BffInstance = bff): Browser =>
    new Browser(
      instance.url,
      publicUrl,
      options.https === true ? { 'x-forwarded-proto': 'https' } : {},
    );

  const stack: Stack = {
    publicUrl,
    get emulator() {
      return emulator;
    },
    mailbox,
    redis,
    proxy,
    instances,
    bff,
    browser,
    async signIn(email, signInOptions = {}) {
      const client = browser(signInOptions.instance ?? bff);
      await signInWith(client, email, mailbox, signInOptions.returnTo);
      return client;
    },
    async stopEmulator() {
      await emulator.close();
    },
    async restartEmulator() {
      emulator = await startEmulator({ ...emulatorOptions, ...emulatorPublic, port: emulatorPort });
    },
    allLogs() {
      return instances.map((instance) => instance.logs.text()).join('\n');
    },
    async stop() {
      const step = async (name: string, action: () => Promise<unknown>): Promise<void> => {
        const started = Date.now();
        await action();
        if (process.env.HARNESS_DEBUG) console.log(name, Date.now() - started);
      };
      // The emulator's webhook client keeps connections alive; close them once requests drained.
      const closeApp = async (instance: BffInstance): Promise<void> => {
        const closing = instance.app.close();
        const timer = setTimeout(() => instance.app.server.closeAllConnections(), 500);
        await closing;
        clearTimeout(timer);
      };
      for (const instance of instances) await step('bff', () => closeApp(instance));
      await step('proxy', async () => proxy?.close());
      await step('emulator', () => emulator.close());
      await step('mailbox', () => mailbox.close());
      await step('redis', async () => redis?.stop());
      await step('database', async () => postgres?.drop());
      rmSync(databaseDir, { recursive: true, force: true });
      if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return stack;
}
