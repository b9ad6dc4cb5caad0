// PATCH /api/profile: the signed-in user edits their own name. Scalekit is updated first, then
// the session's user, so the next GET /api/session (and every screen) shows the new name, and the
// member index, so the Team list does too.
// /api/profile/sessions: their sessions on every device, signing out one or all of them.
// /api/profile/organizations: the organizations they may switch to.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  OwnOrganizationsResponseSchema,
  OwnSessionParamsSchema,
  OwnSessionsResponseSchema,
  ProfileResponseSchema,
  SignOutSessionsResponseSchema,
  UpdateProfileBodySchema,
  routes,
} from '@app/contracts';
import { requireSession, requireSessionHook } from '../auth/guards.js';
import { AppError } from '../errors/app-error.js';
import { updateOwnName } from '../profile/own-name.js';
import { membershipsOf, ownOrganizationsOf } from '../profile/own-organizations.js';
import {
  listOwnSessions,
  signOutEverywhere,
  signOutOwnSession,
  type SessionOwner,
} from '../profile/own-sessions.js';
import { callerOf } from './team/caller.js';
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

  const deps = { store: app.sessions.store, gateway: { call: app.callScalekit } };
  /** The caller, and the Scalekit session their own session's tokens came from. */
  async function ownerOf(request: FastifyRequest): Promise<SessionOwner> {
    const { userId } = callerOf(request);
    const id = request.session.movedTo ?? request.session.sessionId;
    const tokens = await app.sessions.store.getTokens(id);
    return { userId, currentScalekitSessionId: tokens?.scalekitSessionId };
  }

  app.get(
    routes.ownSessions,
    {
      preHandler: requireSession,
      schema: {
        tags: ['session'],
        summary: 'Your sessions on every device, this one marked',
        response: { 200: OwnSessionsResponseSchema, ...errorResponses(401, 503) },
      },
    },
    async (request) => ({ sessions: await listOwnSessions(deps, await ownerOf(request)) }),
  );

  app.delete(
    `${routes.ownSessions}/:sessionId`,
    {
      preHandler: requireSession,
      schema: {
        tags: ['session'],
        summary: 'Sign out one of your sessions (here and at Scalekit)',
        params: OwnSessionParamsSchema,
        response: { 200: SignOutSessionsResponseSchema, ...errorResponses(401, 403, 404, 503) },
      },
    },
    async (request, reply) => {
      const owner = await ownerOf(request);
      const { sessionId } = request.params;
      const signedOut = await signOutOwnSession(deps, owner, sessionId);
      const includesCurrent = sessionId === owner.currentScalekitSessionId;
      // The browser asking is signed out too: its cookie goes with the answer.
      if (includesCurrent) await app.sessions.end(request, reply);
      return { signedOut, includesCurrent };
    },
  );

  app.post(
    routes.signOutEverywhere,
    {
      preHandler: requireSession,
      schema: {
        tags: ['session'],
        summary: 'Sign out of every session, on every device (here and at Scalekit)',
        response: { 200: SignOutSessionsResponseSchema, ...errorResponses(401, 403, 503) },
      },
    },
    async (request, reply) => {
      const { userId } = callerOf(request);
      const signedOut = await signOutEverywhere(deps, userId);
      await app.sessions.end(request, reply);
      return { signedOut, includesCurrent: true };
    },
  );

  app.get(
    routes.ownOrganizations,
    {
      preHandler: requireSession,
      schema: {
        tags: ['session'],
        summary: 'The organizations you belong to or are invited to',
        response: { 200: OwnOrganizationsResponseSchema, ...errorResponses(401, 503) },
      },
    },
    async (request) => {
      const record = request.session.record;
      if (record === undefined) throw new AppError('unauthenticated', 'Sign in to continue.');
      const memberships = await membershipsOf(deps.gateway, record.user.id);
      return { organizations: ownOrganizationsOf(memberships, record.organization) };
    },
  );
  return Promise.resolve();
};
