// GET /api/session: the signed-in user, organization, roles and session expiry; 401 (never a
// redirect) when signed out.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ErrorBodySchema,
  SessionResponseSchema,
  routes,
  type SessionResponse,
} from '@app/contracts';
import { requireSession } from '../auth/guards.js';
import { AppError } from '../errors/app-error.js';
import { fastSerializerCompiler } from '../plugins/fast-serializer.js';

export const sessionRoutes: FastifyPluginAsyncZod = (app) => {
  app.get(
    routes.session,
    {
      preHandler: requireSession,
      serializerCompiler: fastSerializerCompiler,
      schema: {
        tags: ['session'],
        summary: 'The signed-in user and session expiry',
        response: { 200: SessionResponseSchema, 401: ErrorBodySchema, 503: ErrorBodySchema },
      },
    },
    (request) => {
      const session = request.activeSession;
      if (session === undefined) throw new AppError('unauthenticated', 'Sign in to continue.');
      const { meta } = session;
      const body: SessionResponse = {
        user: meta.user,
        organization: meta.organization,
        roles: meta.roles,
        permissions: meta.permissions,
        isAdmin: request.identity?.isAdmin === true,
        expiresAt: new Date(meta.absoluteExpiresAt).toISOString(),
        idleExpiresAt: new Date(app.sessions.idleExpiresAt(meta)).toISOString(),
      };
      return body;
    },
  );
  return Promise.resolve();
};
