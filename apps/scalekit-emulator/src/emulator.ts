// The composition root: opens the store, applies the seed once, builds the directory, the auth
// surface and the management API, and serves them all on one port. The management API (the
// SDK's protobuf descriptors, the heaviest code the emulator loads) is loaded after start-up.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import { createAuthSurface, type AuthSurface } from './auth/index.js';
import { createPortalPage } from './auth/portal-page.js';
import { applyRoleSeedOnce } from './directory/apply-role-seed.js';
import { applySeedOnce } from './directory/apply-seed.js';
import { DomainJoin } from './directory/domain-join.js';
import { Domains } from './directory/domains.js';
import { PORTAL_PATH_PREFIX, PortalLinks } from './directory/portal-links.js';
import { InterceptorHooks } from './interceptors/hooks.js';
import { DirectoryStore } from './directory/store.js';
import type { EmulatorContext, EmulatorSettings, Seed } from './domain.js';
import { defaultDataDir } from './paths.js';
import { loadSeed, parseSeed } from './seed.js';
import { listenDualProtocol, type DualProtocolServer } from './server.js';
import { resolveSettings } from './settings.js';
import { openDatabase } from './store/database.js';
import { migrateMeta } from './store/meta.js';

/** Path prefix shared by every management RPC, used to route HTTP/1.1 Connect calls. */
const RPC_PATH_PREFIX = '/scalekit.v1.';

type RpcHandler = (
  req: IncomingMessage | Http2ServerRequest,
  res: ServerResponse | Http2ServerResponse,
) => void;

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

  let built: ReturnType<typeof build>;
  try {
    built = build(opts, seed, server);
  } catch (error) {
    await server.close(0);
    throw error;
  }
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

function build(opts: StartEmulatorOptions, seed: Seed, server: DualProtocolServer) {
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
    const store = new DirectoryStore(db, now);
    applySeedOnce(db, store, seed, now(), settings.inviteTtlSeconds);
    applyRoleSeedOnce(db, store, seed, now());
    const context: EmulatorContext = { db, settings, seed, directory: store, now };
    const auth = createAuthSurface(context);
    const domains = new Domains({ db, store, events: auth.events, seed, now });
    domains.applySeedOnce();
    const portalLinks = new PortalLinks({ db, store, issuer: () => settings.issuer, now });
    const portalPage = createPortalPage({ ctx: context, links: portalLinks });
    const hooks = new InterceptorHooks(seed, now);
    const domainJoin = new DomainJoin({
      store,
      domains,
      events: auth.events,
      seed,
      hooks,
      now,
    });
    auth.enableJoin(domainJoin);
    const rpc = lazily(async () => {
      const [{ connectNodeAdapter }, { managementApi }, { createManagement }, { InvitationGate }] =
        await Promise.all([
          import('@connectrpc/connect-node'),
          import('./grpc/routes.js'),
          import('./directory/management.js'),
          import('./interceptors/invitation-gate.js'),
        ]);
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
        verifyTokens: {
          management: (header) => auth.verifyManagementToken(header),
          endUser: (header) => auth.verifyUserToken(header),
        },
        domains,
        portalLinks,
        userSessions: auth.userSessions,
        invitationGate: new InvitationGate({ store, seed, hooks }),
      });
      const handler: RpcHandler = connectNodeAdapter({ routes: api.routes, ...api.options });
      return handler;
    });
    // Load it as soon as the start-up work is done, so the first management call rarely waits.
    // (A failure to load is reported by the first call that needs the API.)
    setTimeout(() => {
      rpc.load().catch(() => undefined);
    }, 0).unref();
    return {
      context,
      auth,
      http1: (req: IncomingMessage, res: ServerResponse): void => {
        // Connect and gRPC-web also work over HTTP/1.1 (handy with curl); everything else is the auth surface.
        if (req.url?.startsWith(RPC_PATH_PREFIX) === true) rpc.handle(req, res);
        else if (req.url?.startsWith(PORTAL_PATH_PREFIX) === true) portalPage(req, res);
        else auth.handleHttp(req, res);
      },
      h2: (req: Http2ServerRequest, res: Http2ServerResponse): void => {
        rpc.handle(req, res);
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** An RPC handler built on first use; requests that arrive meanwhile wait for it. */
function lazily(build: () => Promise<RpcHandler>): {
  load(): Promise<RpcHandler>;
  handle: RpcHandler;
} {
  let loading: Promise<RpcHandler> | undefined;
  const load = (): Promise<RpcHandler> => (loading ??= build());
  return {
    load,
    handle(req, res) {
      load().then(
        (handler) => handler(req, res),
        (error: unknown) => {
          console.error('scalekit-emulator: the management API failed to load', error);
          res.statusCode = 500;
          res.end();
        },
      );
    },
  };
}

function unavailable(res: ServerResponse | Http2ServerResponse): void {
  res.statusCode = 503;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end('The emulator is starting.\n');
}
