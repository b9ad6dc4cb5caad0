// GET /api/session: the signed-in user, organization, roles and session expiry; 401 (never a
// redirect) when signed out.
import type { FastifyTypeProviderDefault } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ErrorBodySchema,
  SessionResponseSchema,
  routes,
  type SessionResponse,
} from '@app/contracts';
import { ADMIN_ROLE, requireSessionHook } from '../auth/guards.js';
import { AppError } from '../errors/app-error.js';
import { compileStringify, fastSerializerCompiler } from '../plugins/fast-serializer.js';
import type { SessionRecord } from '../session/session-record.js';

const JSON_TYPE = 'application/json; charset=utf-8';

export const sessionRoutes: FastifyPluginAsyncZod = (app) => {
  const stringify = compileStringify(SessionResponseSchema);
  const { timeouts } = app.sessions;
  // The answer depends only on the session's record, and records are replaced whole, never
  // mutated (both stores hand out one object per stored record), so the serialized answer is
  // kept per record: repeated reads of a session skip two date formats and the stringify. The
  // WeakMap lets old records go.
  const answers = new WeakMap<SessionRecord, string>();
  const answerOf = (meta: SessionRecord): string => {
    const cached = answers.get(meta);
    if (cached !== undefined) return cached;
    const body: SessionResponse = {
      user: meta.user,
      organization: meta.organization,
      roles: meta.roles,
      permissions: meta.permissions,
      isAdmin: meta.roles.includes(ADMIN_ROLE),
      expiresAt: new Date(meta.absoluteExpiresAt).toISOString(),
      idleExpiresAt: new Date(timeouts.idleExpiresAt(meta)).toISOString(),
    };
    const json = stringify(body);
    answers.set(meta, json);
    return json;
  };

  // Declared without the zod provider's payload typing: the 200 answer is sent as a string.
  app.withTypeProvider<FastifyTypeProviderDefault>().get(
    routes.session,
    {
      preHandler: requireSessionHook,
      serializerCompiler: fastSerializerCompiler,
      schema: {
        tags: ['session'],
        summary: 'The signed-in user and session expiry',
        response: { 200: SessionResponseSchema, 401: ErrorBodySchema, 503: ErrorBodySchema },
      },
    },
    (request, reply) => {
      const record = request.session.record;
      if (record === undefined) throw new AppError('unauthenticated', 'Sign in to continue.');
      // A string with a JSON content type is sent as is (already serialized above).
      return reply.type(JSON_TYPE).send(answerOf(record));
    },
  );
  return Promise.resolve();
};
