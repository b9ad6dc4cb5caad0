// Liveness (/healthz: the process answers) and readiness (/readyz: Scalekit and the session
// store answer within a short timeout). A 503 readiness answer also carries `{code, message}`.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorCodeSchema, HealthResponseSchema, ReadyResponseSchema, routes } from '@app/contracts';

const NotReadySchema = ReadyResponseSchema.extend({ code: ErrorCodeSchema, message: z.string() });
const PROBE_TIMEOUT_MS = 2000;

export const healthRoutes: FastifyPluginAsyncZod = (app) => {
  app.get(
    routes.health,
    { schema: { tags: ['health'], response: { 200: HealthResponseSchema } } },
    () => ({ status: 'ok' as const }),
  );

  app.get(
    routes.ready,
    { schema: { tags: ['health'], response: { 200: ReadyResponseSchema, 503: NotReadySchema } } },
    async (_request, reply) => {
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
