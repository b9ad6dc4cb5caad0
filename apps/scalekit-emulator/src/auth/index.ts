// The emulator's auth surface: OIDC endpoints, hosted sign-in pages, invitation links,
// outbound email and webhooks, composed behind one HTTP/1.1 handler.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EndUser } from '../grpc/interceptors.js';
import type {
  EmulatorContext,
  Events,
  Invitations,
  OrganizationJoin,
  Sessions,
} from '../domain.js';
import { AuthRequestStore } from './auth-requests.js';
import { createAuthorizeEndpoint } from './authorize.js';
import { ClientRegistry } from './clients.js';
import { discoveryDocument } from './discovery.js';
import { Flow } from './flow.js';
import { GrantStore } from './grants.js';
import { BodyTooLargeError, sendJson, sendOAuthError } from './http.js';
import { INVITE_ACCEPT_PATH, InvitationService } from './invitations.js';
import { loadOrCreateSecret, loadOrCreateSigningKey } from './keys.js';
import { createLogoutEndpoint } from './logout.js';
import { MailOutbox } from './mail/outbox.js';
import { migrateSessionDetails } from '../sessions/schema.js';
import { InterceptorHooks } from '../interceptors/hooks.js';
import { SessionCreationHook } from '../interceptors/session-creation.js';
import { UserSessions } from '../sessions/user-sessions.js';
import { migrateAuthSchema, pruneExpired } from './schema.js';
import { SessionStore } from './sessions.js';
import { createSignInPages } from './sign-in.js';
import { createTokenEndpoint } from './token-endpoint.js';
import { TokenSigner } from './tokens.js';
import { createUserinfoEndpoint } from './userinfo.js';
import { Webhooks } from './webhooks.js';

export { signWebhook } from './webhooks.js';
export { MAIL_KIND_HEADER } from './mail/outbox.js';
export { SESSION_COOKIE } from './sessions.js';
export { TEST_CODE, TEST_EMAIL_MARKER } from './sign-in.js';
export { membershipEventData, userEventData } from './event-data.js';

export interface AuthSurface {
  /** Serves every HTTP/1.1 route of the emulator (OAuth, OIDC, hosted pages, invitations). */
  handleHttp(req: IncomingMessage, res: ServerResponse): void;
  /** True when the header is "Bearer <client_credentials access token>" minted here. */
  verifyManagementToken(authorization: string | undefined): Promise<boolean>;
  /** The user, session and application behind "Bearer <live user access token>". */
  verifyUserToken(authorization: string | undefined): Promise<EndUser | undefined>;
  invitations: Invitations;
  sessions: Sessions;
  events: Events;
  /** The session API: read and revoke users' sessions. */
  userSessions: UserSessions;
  /** Offers "Join" in the organization picker for organizations with a matching allowed domain. */
  enableJoin(join: OrganizationJoin): void;
  /** Resolves once no email or webhook delivery is in flight (tests, shutdown). */
  idle(): Promise<void>;
  /** Stops the delivery timers (mail outbox, webhooks). */
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export function createAuthSurface(ctx: EmulatorContext): AuthSurface {
  migrateAuthSchema(ctx.db);
  migrateSessionDetails(ctx.db);
  pruneExpired(ctx.db, ctx.now().getTime());
  // Generating an RSA key takes from a tenth of a second to a second: on a new data directory
  // (or in memory) it runs while the server starts, and the first token or JWKS waits for it.
  const key = loadOrCreateSigningKey(ctx.db, ctx.now());
  key.catch(() => undefined); // a failure is reported to whoever needs the key
  const signer = new TokenSigner(ctx, key);
  const clients = new ClientRegistry(ctx.seed);
  const grants = new GrantStore(ctx.db);
  const sessions = new SessionStore(ctx, grants);
  const outbox = new MailOutbox(ctx.db, ctx.settings);
  const webhooks = new Webhooks(ctx);
  const invitations = new InvitationService({
    ctx,
    outbox,
    clients,
    secret: loadOrCreateSecret(ctx.db, 'invitation-link-key'),
  });
  invitations.attach(sessions, webhooks);
  const requests = new AuthRequestStore(ctx.db);
  const sessionCreation = new SessionCreationHook({
    db: ctx.db,
    hooks: new InterceptorHooks(ctx.seed, ctx.now),
    directory: ctx.directory,
  });
  const flow = new Flow({
    ctx,
    sessionCreation,
    grants,
    sessions,
    requests,
    events: webhooks,
    invitations,
  });
  const signIn = createSignInPages({ ctx, clients, requests, sessions, outbox, flow });

  const routes = new Map<string, Handler>([
    [
      'GET /.well-known/openid-configuration',
      (_req, res) => sendJson(res, 200, discoveryDocument(ctx.settings)),
    ],
    ['GET /keys', async (_req, res) => sendJson(res, 200, await signer.jwks())],
    ['GET /.well-known/jwks.json', async (_req, res) => sendJson(res, 200, await signer.jwks())],
    [
      'POST /oauth/token',
      createTokenEndpoint({ ctx, clients, grants, sessions, signer, sessionCreation }),
    ],
    ['GET /oauth/authorize', createAuthorizeEndpoint({ ctx, clients, requests, sessions, flow })],
    ['GET /sign-in', signIn.show],
    ['POST /sign-in/email', signIn.submitEmail],
    ['POST /sign-in/code', signIn.submitCode],
    ['POST /sign-in/organization', signIn.submitOrganization],
    ['GET /sign-in/magic', signIn.magicLink],
    [`GET ${INVITE_ACCEPT_PATH}`, (req, res) => invitations.handleAccept(req, res)],
    ['GET /userinfo', createUserinfoEndpoint({ ctx, grants, signer })],
    [
      'GET /oidc/logout',
      createLogoutEndpoint({ ctx, clients, sessions, signer, events: webhooks }),
    ],
  ]);
  const userinfo = routes.get('GET /userinfo');
  if (userinfo) routes.set('POST /userinfo', userinfo);
  // Whatever an earlier run left undelivered goes out now.
  outbox.start();
  webhooks.start();

  const paths = new Set([...routes.keys()].map((key) => key.slice(key.indexOf(' ') + 1)));

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://emulator').pathname;
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    const handler = routes.get(`${method} ${path}`);
    if (handler) {
      await handler(req, res);
      return;
    }
    if (paths.has(path)) {
      sendJson(res, 405, { error: 'method_not_allowed' });
      return;
    }
    sendJson(res, 404, { error: 'not_found', error_description: `no route for ${path}` });
  }

  return {
    handleHttp(req, res) {
      dispatch(req, res).catch((error: unknown) => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        if (error instanceof BodyTooLargeError) {
          sendOAuthError(res, 413, 'invalid_request', error.message);
          return;
        }
        console.error('scalekit-emulator: request failed', error);
        sendOAuthError(res, 500, 'server_error', 'the emulator failed to handle the request');
      });
    },

    async verifyManagementToken(authorization) {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
      if (!token) return false;
      const claims = await signer.verifyAccessToken(token);
      if (!claims || claims.sid !== undefined || claims.sub !== claims.client_id) return false;
      const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
      return clients.find(claims.client_id) !== undefined && audience.includes(claims.client_id);
    },

    async verifyUserToken(authorization) {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
      const claims = token ? await signer.verifyAccessToken(token) : null;
      if (!claims || claims.sid === undefined) return undefined;
      // As /userinfo: only tokens whose grant lives (a revoked session's tokens do not).
      const grant = grants.liveGrantOfAccessToken(claims.jti);
      if (!grant || ctx.directory.getUser(grant.user_id) === undefined) return undefined;
      return { userId: grant.user_id, sessionId: grant.session_id, clientId: grant.client_id };
    },

    invitations,
    sessions,
    events: webhooks,
    userSessions: new UserSessions({
      db: ctx.db,
      directory: ctx.directory,
      sessions,
      events: webhooks,
      now: ctx.now,
    }),

    enableJoin(join) {
      flow.enableJoin(join);
    },

    async idle() {
      await Promise.all([outbox.idle(), webhooks.idle()]);
    },

    async close() {
      await Promise.all([outbox.close(), webhooks.close()]);
    },
  };
}
