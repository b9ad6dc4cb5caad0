// The composition root: opens the store, applies the seed once, builds the directory, the auth
// surface and the management API, and serves them all on one port.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import { connectNodeAdapter } from '@connectrpc/connect-node';
import { createAuthSurface, type AuthSurface } from './auth/index.js';
import { applySeedOnce } from './directory/apply-seed.js';
import { createManagement } from './directory/management.js';
import { DirectoryStore } from './directory/store.js';
import type { EmulatorContext, EmulatorSettings, Seed } from './domain.js';
import { managementApi, RPC_PATH_PREFIX } from './grpc/routes.js';
import { defaultDataDir } from './paths.js';
import { loadSeed, parseSeed } from './seed.js';
import { listenDualProtocol, type DualProtocolServer } from './server.js';
import { resolveSettings } from './settings.js';
import { openDatabase } from './store/database.js';
import { migrateMeta } from './store/meta.js';

export interface StartEmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** The seed itself, or the path of a JSON seed file. */
  seed: Seed | string;
  /** Where the SQLite file lives; default apps/scalekit-emulator/.data. Ignored with inMemory. */
  dataDir?: string;
  inMemory?: boolean;
  /** SMTP server for outgoing mail, e.g. smtp://127.0.0.1:1025; null keeps mail in the outbox. */
  smtpUrl?: string | null;
  settings?: Partial<EmulatorSettings>;
  /** The issuer and base URL the SDK uses; default http://localhost:<port>. */
  publicUrl?: string;
  /** Clock of the emulator (tests move it to expire invitations); default the system clock. */
  now?: () => Date;
}

export interface RunningEmulator {
  /** SCALEKIT_ENVIRONMENT_URL */
  url: string;
  port: number;
  /** SCALEKIT_CLIENT_ID / SCALEKIT_CLIENT_SECRET: the seed's first client. */
  clientId: string;
  clientSecret: string;
  context: EmulatorContext;
  auth: AuthSurface;
  close(): Promise<void>;
}

export async function startEmulator(opts: StartEmulatorOptions): Promise<RunningEmulator> {
  const seed =
    typeof opts.seed === 'string' ? loadSeed(opts.seed) : parseSeed(opts.seed, 'startEmulator');
  const client = seed.clients[0];
  if (client === undefined) throw new Error('the seed has no client');

  // Requests can only arrive once the port is known and printed, but the issuer needs the port:
  // listen first, and route to the application once it is built.
  let http1: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => unavailable(res);
  let h2: (req: Http2ServerRequest, res: Http2ServerResponse) => void = (_req, res) =>
    unavailable(res);
  const server = await listenDualProtocol(
    { http1: (req, res) => http1(req, res), h2: (req, res) => h2(req, res) },
    { port: opts.port ?? 0, host: opts.host ?? '127.0.0.1' },
  );

  const built = await build(opts, seed, server).catch(async (error: unknown) => {
    await server.close(0);
    throw error;
  });
  http1 = built.http1;
  h2 = built.h2;

  let closed: Promise<void> | undefined;
  return {
    url: built.context.settings.issuer,
    port: server.port,
    clientId: client.id,
    clientSecret: client.secret,
    context: built.context,
    auth: built.auth,
    close() {
      closed ??= (async () => {
        await server.close();
        await built.auth.close();
        built.context.db.close();
      })();
      return closed;
    },
  };
}

async function build(opts: StartEmulatorOptions, seed: Seed, server: DualProtocolServer) {
  const now = opts.now ?? (() => new Date());
  const settings = resolveSettings(opts.publicUrl ?? `http://localhost:${server.port}`, {
    ...opts.settings,
    ...(opts.smtpUrl === undefined ? {} : { smtpUrl: opts.smtpUrl }),
  });
  const db = openDatabase({
    dataDir: opts.dataDir ?? defaultDataDir,
    inMemory: opts.inMemory ?? false,
  });
  try {
    migrateMeta(db);
    const store = new DirectoryStore(db, seed, now);
    applySeedOnce(db, store, seed, now(), settings.inviteTtlSeconds);
    const context: EmulatorContext = { db, settings, seed, directory: store, now };
    const auth = await createAuthSurface(context);
    const management = createManagement({
      store,
      invitations: auth.invitations,
      sessions: auth.sessions,
      events: auth.events,
      settings,
      seed,
      now,
    });
    const api = managementApi({
      management,
      store,
      seed,
      verifyManagementToken: (header) => auth.verifyManagementToken(header),
    });
    const rpc = connectNodeAdapter({ routes: api.routes, ...api.options });
    return {
      context,
      auth,
      http1: (req: IncomingMessage, res: ServerResponse): void => {
        // Connect and gRPC-web also work over HTTP/1.1 (handy with curl); everything else is the auth surface.
        if (req.url?.startsWith(RPC_PATH_PREFIX) === true) rpc(req, res);
        else auth.handleHttp(req, res);
      },
      h2: (req: Http2ServerRequest, res: Http2ServerResponse): void => {
        rpc(req, res);
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

function unavailable(res: ServerResponse | Http2ServerResponse): void {
  res.statusCode = 503;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end('The emulator is starting.\n');
}
