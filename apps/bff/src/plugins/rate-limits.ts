// Abuse limits: reusable onRequest hooks for sign-in routes (per client IP) and invite routes
// (per session AND per client IP). Counters live in Redis when configured, so every instance
// shares them; a 429 carries Retry-After and the `rate_limited` code.
import fp from 'fastify-plugin';
import rateLimit, { type CreateRateLimitOptions } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../config/env.js';
import { AppError } from '../errors/app-error.js';

type Hook = (request: FastifyRequest) => Promise<void>;

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
  const pluginOptions = {
    global: false,
    ...(options.redis === undefined ? {} : { redis: options.redis, nameSpace: 'bff:rl:' }),
    // A Redis outage must not lock everybody out; the session store reports it anyway.
    skipOnError: true,
    errorResponseBuilder: (_request: FastifyRequest, context: { ttl: number }) =>
      rateLimited(context.ttl),
  };
  // For routes that make their own limiter (`app.rateLimit`), e.g. the join requests.
  await app.register(rateLimit, pluginOptions);
  /**
   * A limit checked by our own hook: the plugin's route hooks mark a request once any of them
   * ran and skip the others, so the invite routes' per-session limit never ran after the per-IP
   * one (nor either after an API key's). `createRateLimit` counts without that mark.
   */
  const limit = (options: CreateRateLimitOptions): Hook => {
    const apply = app.createRateLimit(options);
    return async (request) => {
      const outcome = await apply(request);
      // `isAllowed` means "on the allow list"; otherwise the count decides.
      if (!outcome.isAllowed && outcome.isExceeded) throw rateLimited(outcome.ttl);
    };
  };
  const cookieName = config.session.cookieName;
  const perIp = (name: string, max: number) =>
    limit({
      max,
      timeWindow: MINUTE_MS,
      keyGenerator: (request) => `${name}:ip:${request.ip}`,
    });
  const signIn = perIp('signin', config.rateLimits.signInPerMinute);
  const inviteIp = perIp('invite', config.rateLimits.invitePerIpPerMinute);
  const inviteSession = limit({
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
  const perApiKey = limit({
    max: config.rateLimits.apiKeyPerMinute,
    timeWindow: MINUTE_MS,
    keyGenerator: (request) => `apikey:${request.identity?.apiKey?.id ?? request.ip}`,
  });
  app.decorate('rateLimits', {
    signIn,
    invite: async (request: FastifyRequest) => {
      await inviteIp(request);
      await inviteSession(request);
    },
    apiKey: perApiKey,
  });
}

export default fp(rateLimitsPlugin, { name: 'rate-limits' });
