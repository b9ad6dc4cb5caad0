// PATCH /api/profile: the signed-in user edits their own name. Scalekit is updated first, then
// the session's user, so the next GET /api/session (and every screen) shows the new name, and the
// member index, so the Team list does too.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ProfileResponseSchema, UpdateProfileBodySchema, routes } from '@app/contracts';
import { requireSessionHook } from '../auth/guards.js';
import { AppError } from '../errors/app-error.js';
import { updateOwnName } from '../profile/own-name.js';
import { errorResponses } from './team/caller.js';

export const profileRoutes: FastifyPluginAsyncZod = (app) => {
  app.patch(
    routes.profile,
    {
      preHandler: requireSessionHook,
      schema: {
        tags: ['session'],
        summary: 'Change your own first and last name',
        body: UpdateProfileBodySchema,
        response: { 200: ProfileResponseSchema, ...errorResponses(401, 403, 422, 503) },
      },
    },
    async (request) => {
      const record = request.session.record;
      if (record === undefined) throw new AppError('unauthenticated', 'Sign in to continue.');
      const { sessionUser: user, updated } = await updateOwnName(
        { call: app.callScalekit },
        record.user,
        request.body,
      );
      // The Team page lists members from the index: it shows the new name at once.
      if (updated !== undefined) await app.memberIndex.recordUser(updated);
      // Records are replaced whole; @fastify/session saves the changed one with the answer.
      request.session.record = { ...record, user };
      return { user };
    },
  );
  return Promise.resolve();
};
