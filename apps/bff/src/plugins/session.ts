// Server-side sessions: picks the store (Redis when REDIS_URL is set, else the bounded
// in-process LRU), and decorates the app with the session manager, the token verifier and
// the single-flight token refresher used by the guards.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config/env.js';
import { createTokenVerifier, type TokenVerifier } from '../auth/token-claims.js';
import { TokenRefresher } from '../auth/token-refresh.js';
import { MemorySessionStore } from '../session/memory-store.js';
import { RedisSessionStore, createRedisClient } from '../session/redis-store.js';
import { SessionManager } from '../session/session-manager.js';
import type { SessionStore } from '../session/session-store.js';

declare module 'fastify' {
  interface FastifyInstance {
    sessions: SessionManager;
    tokenVerifier: TokenVerifier;
    tokenRefresher: TokenRefresher;
  }
}

export interface SessionPluginOptions {
  config: AppConfig;
  /** The store, created before plugins so the rate limiter can share a Redis client. */
  store: SessionStore;
  /** Observes refresh grants (used by tests and metrics). */
  onRefreshGrant?: (sessionId: string) => void;
}

export async function createSessionStore(
  config: AppConfig,
): Promise<MemorySessionStore | RedisSessionStore> {
  if (config.redisUrl === undefined)
    return new MemorySessionStore({ maxEntries: config.session.maxEntries });
  const store = new RedisSessionStore(createRedisClient(config.redisUrl));
  // Start even when Redis is down (readyz reports it, requests answer 503 until it is back).
  await store.waitUntilReady(3000);
  return store;
}

function sessionPlugin(app: FastifyInstance, options: SessionPluginOptions): Promise<void> {
  const { config, store } = options;
  app.decorateRequest('identity', undefined);
  app.decorateRequest('activeSession', undefined);
  const sessions = new SessionManager(store, config);
  const verifier = createTokenVerifier(app.callScalekit, {
    issuer: config.scalekit.environmentUrl,
    clientId: config.scalekit.clientId,
  });
  const refresher = new TokenRefresher({
    sessions,
    callScalekit: app.callScalekit,
    verifier,
    leewayMs: config.session.refreshLeewaySeconds * 1000,
    scalekitTimeoutMs: config.scalekit.timeoutMs,
    onRefreshGrant: options.onRefreshGrant,
  });
  app.decorate('sessions', sessions);
  app.decorate('tokenVerifier', verifier);
  app.decorate('tokenRefresher', refresher);
  app.addHook('onClose', () => store.close());
  return Promise.resolve();
}

export default fp(sessionPlugin, { name: 'session', dependencies: ['scalekit'] });
