// `GET /api/team/events`: Server-Sent Events of the organization's membership changes, so the
// Team page updates live (e.g. when an invitee accepts). One `data:` line of TeamEvent JSON per
// event, a comment line as heartbeat, and a bounded lifetime after which the browser's
// EventSource reconnects (which re-checks the session).
import { PassThrough } from 'node:stream';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { routes, type TeamEvent } from '@app/contracts';
import { requireSession } from '../../auth/guards.js';
import { AppError } from '../../errors/app-error.js';
import { teamEventHubOf } from '../../team/team-events-plugin.js';
import { callerOf, errorResponses, sendStream } from './caller.js';

export interface TeamEventRoutesOptions {
  heartbeatMs?: number | undefined;
  maxStreamMs?: number | undefined;
}

export const SSE_HEARTBEAT_MS = 15_000;
export const SSE_MAX_STREAM_MS = 10 * 60_000;
/** Browser reconnect delay after the stream ends, sent as the SSE `retry` field. */
const RECONNECT_MS = 3000;

export const teamEventRoutes: FastifyPluginCallbackZod<TeamEventRoutesOptions> = (
  app,
  options,
  done,
) => {
  const heartbeatMs = options.heartbeatMs ?? SSE_HEARTBEAT_MS;
  const maxStreamMs = options.maxStreamMs ?? SSE_MAX_STREAM_MS;
  const hub = teamEventHubOf(app);
  const open = new Set<() => void>();
  // Open streams would hold a graceful shutdown forever: end them first.
  app.addHook('preClose', (next) => {
    for (const close of [...open]) close();
    next();
  });

  app.get(
    routes.teamEvents,
    {
      preHandler: requireSession,
      schema: {
        tags: ['team'],
        summary: 'Live membership changes (text/event-stream of TeamEvent JSON)',
        response: errorResponses(401, 429),
      },
    },
    async (request, reply) => {
      const stream = new PassThrough();
      const send = (event: TeamEvent) => stream.write(`data: ${JSON.stringify(event)}\n\n`);
      const unsubscribe = hub.subscribe(callerOf(request).organizationId, send);
      if (unsubscribe === undefined) {
        throw new AppError('rate_limited', 'Too many live connections for this organization.', {
          retryAfterSeconds: 30,
        });
      }
      const heartbeat = setInterval(() => stream.write(': heartbeat\n\n'), heartbeatMs);
      const lifetime = setTimeout(() => close(), maxStreamMs);
      let closed = false;
      function close(): void {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        unsubscribe?.();
        open.delete(close);
        stream.end();
      }
      open.add(close);
      reply.raw.once('close', close);
      // `connected` is written once subscribed everywhere, so nothing published after it is missed.
      void hub.ready().then(
        () => stream.write(`retry: ${RECONNECT_MS}\n: connected\n\n`),
        () => close(),
      );
      return sendStream(reply, 'text/event-stream; charset=utf-8', stream);
    },
  );
  done();
};
