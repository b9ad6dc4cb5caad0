// Server-side sessions on @fastify/session: picks the store (Redis when REDIS_URL is set, else
// the bounded in-process LRU), registers the plugin with an opaque signed 256-bit id, no
// rolling and no saving of sessions nobody signed into, and decorates the app with `sessions`.
import fp from 'fastify-plugin';
import fastifySession from '@fastify/session';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config/env.js';
import { CachedCookieSigner } from '../session/cookie-signer.js';
import { MemorySessionStore } from '../session/memory-store.js';
import { RedisSessionStore, createRedisClient } from '../session/redis-store.js';
import { pluginStoreOf, type SessionStore } from '../session/session-store.js';
import { SessionTimeouts } from '../session/session-timeouts.js';
import { Sessions, newSessionId } from '../session/sessions.js';

declare module 'fastify' {
  interface FastifyInstance {
    sessions: Sessions;
  }
}

export interface SessionPluginOptions {
  config: AppConfig;
  /** The store, created before plugins so the rate limiter can share a Redis client. */
  store: SessionStore;
}

export function sessionTimeoutsOf(config: AppConfig): SessionTimeouts {
  return new SessionTimeouts(config.session);
}

export async function createSessionStore(
  config: AppConfig,
): Promise<MemorySessionStore | RedisSessionStore> {
  const timeouts = sessionTimeoutsOf(config);
  if (config.redisUrl === undefined)
    return new MemorySessionStore({ maxEntries: config.session.maxEntries, timeouts });
  const store = new RedisSessionStore(createRedisClient(config.redisUrl), { timeouts });
  // Start even when Redis is down (readyz reports it, requests answer 503 until it is back).
  await store.waitUntilReady(3000);
  return store;
}

async function sessionPlugin(app: FastifyInstance, options: SessionPluginOptions): Promise<void> {
  const { config, store } = options;
  const signer = new CachedCookieSigner(config.session.secret);
  const sessions = new Sessions({
    store,
    timeouts: sessionTimeoutsOf(config),
    signer,
    cookieName: config.session.cookieName,
    secureCookie: config.session.secureCookie,
  });
  await app.register(fastifySession, {
    secret: signer,
    cookieName: config.session.cookieName,
    cookie: sessions.cookieOptions(),
    // The server-side timeouts decide how long a session lives: the plugin writes the store
    // only when the session changed (sign-in, rotation, refresh, an idle touch a minute).
    rolling: false,
    saveUninitialized: false,
    idGenerator: newSessionId,
    store: pluginStoreOf(store),
  });
  app.decorate('sessions', sessions);
  app.addHook('onClose', () => store.close());
}

export default fp(sessionPlugin, { name: 'session', dependencies: ['@fastify/cookie'] });
