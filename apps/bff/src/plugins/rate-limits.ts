// Abuse limits: reusable onRequest hooks for sign-in routes (per client IP) and invite routes
// (per session AND per client IP). Counters live in Redis when configured, so every instance
// shares them; a 429 carries Retry-After and the `rate_limited` code.
import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../config/env.js';
import { AppError } from '../errors/app-error.js';

type Hook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export interface RateLimitHooks {
  /** Attach to sign-in routes: limits per client IP. */
  signIn: Hook;
  /** Attach to invite routes (`onRequest: [app.rateLimits.invite]`): per session and per IP. */
  invite: Hook;
  /** Run on every request made with an organization API key: per key. */
  apiKey: Hook;
}

declare module 'fastify' {
  interface FastifyInstance {
    rateLimits: RateLimitHooks;
  }
}

const MINUTE_MS = 60_000;

function rateLimited(retryAfterMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new AppError('rate_limited', 'Too many requests. Try again later.', {
    retryAfterSeconds: seconds,
  });
}

async function rateLimitsPlugin(
  app: FastifyInstance,
  options: { config: AppConfig; redis?: Redis },
): Promise<void> {
  const { config } = options;
  await app.register(rateLimit, {
    global: false,
    ...(options.redis === undefined ? {} : { redis: options.redis, nameSpace: 'bff:rl:' }),
    // A Redis outage must not lock everybody out; the session store reports it anyway.
    skipOnError: true,
    errorResponseBuilder: (_request, context) => rateLimited(context.ttl),
  });
  const cookieName = config.session.cookieName;
  const perIp = (name: string, max: number) =>
    app.rateLimit({
      max,
      timeWindow: MINUTE_MS,
      keyGenerator: (request) => `${name}:ip:${request.ip}`,
    });
  const signIn = perIp('signin', config.rateLimits.signInPerMinute);
  const inviteIp = perIp('invite', config.rateLimits.invitePerIpPerMinute);
  const inviteSession = app.rateLimit({
    max: config.rateLimits.invitePerMinute,
    timeWindow: MINUTE_MS,
    // The raw (signed) cookie identifies the session without a store read; requests without
    // one are refused by requireSession anyway and still count against their IP. A request made
    // with an API key (authenticated at onRequest already) counts against its key.
    keyGenerator: (request) => {
      const apiKey = request.identity?.apiKey;
      if (apiKey !== undefined) return `invite:key:${apiKey.id}`;
      return `invite:sess:${request.cookies[cookieName] ?? request.ip}`;
    },
  });
  const perApiKey = app.rateLimit({
    max: config.rateLimits.apiKeyPerMinute,
    timeWindow: MINUTE_MS,
    keyGenerator: (request) => `apikey:${request.identity?.apiKey?.id ?? request.ip}`,
  });
  app.decorate('rateLimits', {
    signIn: async (request: FastifyRequest, reply: FastifyReply) => {
      await signIn.call(app, request, reply);
    },
    invite: async (request: FastifyRequest, reply: FastifyReply) => {
      await inviteIp.call(app, request, reply);
      await inviteSession.call(app, request, reply);
    },
    apiKey: async (request: FastifyRequest, reply: FastifyReply) => {
      await perApiKey.call(app, request, reply);
    },
  });
}

export default fp(rateLimitsPlugin, { name: 'rate-limits' });
