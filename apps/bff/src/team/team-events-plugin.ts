// Decorates the app with `teamEvents`, the hub shared by the webhook receiver (publisher) and
// the SSE route (subscribers): in-process for one instance, Redis pub/sub when REDIS_URL is set.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { createRedisClient } from '../session/redis-store.js';
import {
  DeferredTeamEventHub,
  LocalTeamEventHub,
  RedisTeamEventHub,
  type TeamEventHub,
} from './event-hub.js';

declare module 'fastify' {
  interface FastifyInstance {
    teamEvents: TeamEventHub;
  }
}

export interface TeamEventsPluginOptions {
  redisUrl: string | undefined;
}

function createHub(app: FastifyInstance, redisUrl: string | undefined): TeamEventHub {
  if (redisUrl === undefined) return new LocalTeamEventHub();
  const publisher = createRedisClient(redisUrl);
  publisher.on('error', () => undefined);
  // The subscriber queues its SUBSCRIBE until connected and re-subscribes after a reconnect.
  const subscriber = new Redis(redisUrl, { retryStrategy: (times) => Math.min(times * 100, 1000) });
  subscriber.on('error', () => undefined);
  return new RedisTeamEventHub(publisher, subscriber, (error) => {
    app.log.warn({ err: error }, 'ignored a malformed team event from Redis');
  });
}

function teamEventsPlugin(
  app: FastifyInstance,
  options: TeamEventsPluginOptions,
  done: () => void,
): void {
  const hub = createHub(app, options.redisUrl);
  app.decorate('teamEvents', hub);
  app.addHook('onClose', async () => {
    await hub.close();
  });
  done();
}

export default fp(teamEventsPlugin, { name: 'team-events' });

/** Hubs of apps that did not register the plugin, one per app (its HTTP server). */
const fallbackHubs = new WeakMap<object, DeferredTeamEventHub>();

/**
 * The app's hub. Without the plugin registered, the routes of one app still share one hub,
 * made on first use: in-process, or over Redis once a caller passed `redisUrl` (the webhook
 * routes do, from the config). Call it while registering routes, not from a handler.
 */
export function teamEventHubOf(
  app: FastifyInstance,
  options: { redisUrl?: string | undefined } = {},
): TeamEventHub {
  if (app.hasDecorator('teamEvents')) return app.teamEvents;
  let hub = fallbackHubs.get(app.server);
  if (hub === undefined) {
    const created = new DeferredTeamEventHub((redisUrl) => createHub(app, redisUrl));
    app.addHook('onClose', async () => {
      await created.close();
    });
    fallbackHubs.set(app.server, created);
    hub = created;
  }
  if (options.redisUrl !== undefined) hub.redisUrl = options.redisUrl;
  return hub;
}
