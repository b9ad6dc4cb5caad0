// Liveness (/healthz: the process answers) and readiness (/readyz: Scalekit and the session
// store answer within a short timeout; 503 at once from the start of a shutdown). A 503
// readiness answer also carries `{code, message}`.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorCodeSchema, HealthResponseSchema, ReadyResponseSchema, routes } from '@app/contracts';

const NotReadySchema = ReadyResponseSchema.extend({ code: ErrorCodeSchema, message: z.string() });
/** While shutting down nothing is probed: the answer must be immediate. */
const ShuttingDownSchema = z.object({
  status: z.literal('unavailable'),
  code: z.literal('shutting_down'),
  message: z.string(),
});
const PROBE_TIMEOUT_MS = 2000;

export const healthRoutes: FastifyPluginAsyncZod = (app) => {
  app.get(
    routes.health,
    { schema: { tags: ['health'], response: { 200: HealthResponseSchema } } },
    () => ({ status: 'ok' as const }),
  );

  app.get(
    routes.ready,
    {
      schema: {
        tags: ['health'],
        response: { 200: ReadyResponseSchema, 503: z.union([NotReadySchema, ShuttingDownSchema]) },
      },
    },
    async (_request, reply) => {
      if (app.shutdown.draining) {
        return reply
          .code(503)
          .header('connection', 'close')
          .send({
            status: 'unavailable' as const,
            code: 'shutting_down' as const,
            message: 'Shutting down.',
          });
      }
      const [scalekit, sessionStore] = await Promise.all([
        app.scalekitReachable(PROBE_TIMEOUT_MS),
        app.sessions.store.ping(),
      ]);
      const checks = { scalekit, sessionStore };
      if (scalekit && sessionStore) return { status: 'ready' as const, checks };
      return reply.code(503).send({
        status: 'unavailable' as const,
        checks,
        code: scalekit ? ('session_store_unavailable' as const) : ('identity_unavailable' as const),
        message: 'Not ready.',
      });
    },
  );
  return Promise.resolve();
};
