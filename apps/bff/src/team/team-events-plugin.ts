// Decorates the app with `teamEvents`, the hub shared by the webhook receiver (publisher) and
// the SSE route (subscribers): in-process for one instance, Redis pub/sub when REDIS_URL is set.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { createRedisClient } from '../session/redis-store.js';
import { LocalTeamEventHub, RedisTeamEventHub, type TeamEventHub } from './event-hub.js';

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
  app.addHook('onClose', () => {
    publisher.disconnect();
  });
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

/** In-process hubs for apps that did not register the plugin, one per app (its HTTP server). */
const fallbackHubs = new WeakMap<object, TeamEventHub>();

/**
 * The app's hub. Without the plugin registered (before the team and webhook routes), the
 * routes of one app still share an in-process hub, so live events work on a single instance;
 * fan-out across instances through Redis needs the plugin.
 */
export function teamEventHubOf(app: FastifyInstance): TeamEventHub {
  if (app.hasDecorator('teamEvents')) return app.teamEvents;
  let hub = fallbackHubs.get(app.server);
  if (hub === undefined) {
    app.log.warn('team-events plugin not registered: live team events stay within this instance');
    hub = new LocalTeamEventHub();
    fallbackHubs.set(app.server, hub);
  }
  return hub;
}
