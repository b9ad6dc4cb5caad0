// Accepts organization API keys on the team routes: `Authorization: Bearer <key>` from another
// system, server to server. Decorates the app with `apiKeys` (the area's service), then:
// - onRequest: a request carrying an Authorization header on a BFF path must be a valid key, on
//   a route keys may call, with the scope that route needs, and without a session cookie (a key
//   never rides along a browser session). It then acts as the key (request.identity), rate
//   limited per key. Keys are read from that header only, never from a cookie or the query.
// - preHandler / onSend: an Idempotency-Key on the single invite answers retries once.
import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_PATTERN,
  IDEMPOTENCY_WINDOW_HOURS,
} from '@app/contracts';
import type { Identity } from '../auth/guards.js';
import { AppError } from '../errors/app-error.js';
import { isBffPath } from '../plugins/security.js';
import { bearerKeyOf } from './api-key-secret.js';
import { isIdempotentRoute, scopeOfRoute } from './api-key-scopes.js';
import { ApiKeys } from './api-keys.js';
import { SqlIdempotencyStore, type IdempotencyStore } from './idempotency-store.js';

/** An API-key request's claim on its Idempotency-Key, settled when the answer is sent. */
interface IdempotencyClaim {
  apiKeyId: string;
  key: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    apiKeys: ApiKeys;
  }
  interface FastifyRequest {
    /** The Idempotency-Key this request claimed; its answer is kept for the retries. */
    idempotencyClaim: IdempotencyClaim | undefined;
  }
}

const REALM = 'Bearer realm="teamspace"';
/** How long a first request may run before a retry may take over its claim. */
const IDEMPOTENCY_LOCK_MS = 60_000;
const SWEEP_EVERY_MS = 60_000;

function refuse(reply: FastifyReply, error: AppError, challenge?: string): AppError {
  if (challenge !== undefined) void reply.header('www-authenticate', `${REALM}, ${challenge}`);
  return error;
}

function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const value = request.headers[IDEMPOTENCY_KEY_HEADER];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(value)) {
    throw new AppError(
      'bad_request',
      'The Idempotency-Key header must be 1 to 255 printable ASCII characters without spaces.',
    );
  }
  return value;
}

/** What a retry must repeat to be the same request: the route and its parsed body. */
function requestHashOf(request: FastifyRequest): string {
  const text = JSON.stringify([request.method, request.routeOptions.url, request.body ?? null]);
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

async function authenticate(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  authorization: string,
  sessionCookie: string,
): Promise<void> {
  const { method } = request;
  const url = request.routeOptions.url;
  if (request.cookies[sessionCookie] !== undefined) {
    throw new AppError(
      'api_key_not_accepted',
      'Send either a session cookie or an API key, not both.',
    );
  }
  const scope = scopeOfRoute(method, url);
  if (scope === undefined) {
    throw new AppError('api_key_not_accepted', 'API keys cannot call this route.');
  }
  const secret = bearerKeyOf(authorization);
  if (secret === undefined) {
    throw refuse(
      reply,
      new AppError('invalid_api_key', 'Send the API key as `Authorization: Bearer tsk_live_…`.'),
      'error="invalid_token"',
    );
  }
  let identity;
  try {
    identity = await app.apiKeys.authenticate(secret);
  } catch (error) {
    if (error instanceof AppError) throw refuse(reply, error, 'error="invalid_token"');
    throw error;
  }
  request.identity = identity;
  await app.rateLimits.apiKey(request);
  if (identity.apiKey?.scopes.includes(scope) !== true) {
    throw refuse(
      reply,
      new AppError('insufficient_scope', `This API key lacks the \`${scope}\` scope.`),
      `error="insufficient_scope", scope="${scope}"`,
    );
  }
  if (isIdempotentRoute(method, url)) idempotencyKeyOf(request);
}

function apiKeyAuthPlugin(
  app: FastifyInstance,
  options: { sessionCookie: string },
  done: () => void,
): void {
  app.decorate('apiKeys', new ApiKeys(app.database.db));
  const idempotency: IdempotencyStore = new SqlIdempotencyStore(app.database.db);
  app.decorateRequest('idempotencyClaim', undefined);
  let nextSweep = 0;

  // Callback hooks that return at once for the browser's requests (no API key): an async hook
  // would cost every request of the app a promise and a tick.
  app.addHook('onRequest', (request, reply, done) => {
    const authorization = request.headers.authorization;
    if (authorization === undefined || !isBffPath(request.url)) {
      done();
      return;
    }
    authenticate(app, request, reply, authorization, options.sessionCookie).then(() => {
      done();
    }, done);
  });

  const idempotent = async (
    request: FastifyRequest,
    reply: FastifyReply,
    apiKey: NonNullable<Identity['apiKey']>,
  ): Promise<'replied' | 'go on'> => {
    const key = idempotencyKeyOf(request);
    if (key === undefined) return 'go on';
    const now = new Date();
    if (now.getTime() >= nextSweep) {
      nextSweep = now.getTime() + SWEEP_EVERY_MS;
      await idempotency.deleteExpired(now);
    }
    const outcome = await idempotency.claim({
      apiKeyId: apiKey.id,
      idempotencyKey: key,
      requestHash: requestHashOf(request),
      now,
      lockedUntil: new Date(now.getTime() + IDEMPOTENCY_LOCK_MS),
      expiresAt: new Date(now.getTime() + IDEMPOTENCY_WINDOW_HOURS * 3_600_000),
    });
    switch (outcome.status) {
      case 'claimed':
        request.idempotencyClaim = { apiKeyId: apiKey.id, key };
        return 'go on';
      case 'mismatch':
        throw new AppError(
          'idempotency_key_reused',
          'This Idempotency-Key was used with a different request; use a new key.',
        );
      case 'in_flight':
        throw new AppError(
          'idempotency_key_in_use',
          'A request with this Idempotency-Key is still running; retry shortly.',
          { retryAfterSeconds: Math.max(1, Math.ceil(outcome.retryAfterMs / 1000)) },
        );
      case 'replay':
        void reply
          .code(outcome.statusCode)
          .type('application/json; charset=utf-8')
          .header('idempotent-replayed', 'true')
          .send(outcome.body);
        return 'replied';
    }
  };

  app.addHook('preHandler', (request, reply, done) => {
    const apiKey = request.identity?.apiKey;
    if (apiKey === undefined || !isIdempotentRoute(request.method, request.routeOptions.url)) {
      done();
      return;
    }
    idempotent(request, reply, apiKey).then((outcome) => {
      // A replayed answer was sent: the route must not run.
      if (outcome === 'go on') done();
    }, done);
  });

  const settle = async (
    claim: IdempotencyClaim,
    statusCode: number,
    payload: unknown,
  ): Promise<void> => {
    // Our own failures (5xx) are not the answer: the retry runs the request again.
    if (statusCode >= 500 || typeof payload !== 'string') {
      await idempotency.release(claim.apiKeyId, claim.key);
    } else {
      await idempotency.complete(claim.apiKeyId, claim.key, statusCode, payload);
    }
  };

  app.addHook('onSend', (request, reply, payload, done) => {
    const claim = request.idempotencyClaim;
    if (claim === undefined) {
      done(null, payload);
      return;
    }
    request.idempotencyClaim = undefined;
    settle(claim, reply.statusCode, payload).then(() => {
      done(null, payload);
    }, done);
  });
  done();
}

export default fp(apiKeyAuthPlugin, {
  name: 'api-key-auth',
  dependencies: ['database', 'rate-limits', 'audit'],
});
