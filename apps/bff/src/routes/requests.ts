// The approval inbox under /api/requests (members propose, admins decide and manage the
// request-to-join domains) and asking to join under /api/join-requests (signed out, address
// proven by an emailed link). The organization always comes from the session, never from input.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import {
  ACCESS_REQUESTS_LIST_MAX,
  AccessRequestParamsSchema,
  AccessRequestResponseSchema,
  AddRequestJoinDomainBodySchema,
  ApproveRequestBodySchema,
  AskToJoinBodySchema,
  AskToJoinResponseSchema,
  BulkDecisionBodySchema,
  BulkDecisionResponseSchema,
  ConfirmJoinRequestBodySchema,
  DeclineRequestBodySchema,
  JoinRequestStatusQuerySchema,
  JoinRequestStatusResponseSchema,
  ListAccessRequestsQuerySchema,
  ListAccessRequestsResponseSchema,
  ProposeInviteBodySchema,
  RequestJoinDomainParamsSchema,
  RequestJoinDomainsResponseSchema,
  routes,
  type AccessRequest,
  type BulkDecisionResult,
  type RequestJoinDomainsResponse,
} from '@app/contracts';
import type { FastifyRequest } from 'fastify';
import { requireAdmin, requireSession } from '../auth/guards.js';
import type { AppConfig } from '../config/env.js';
import { AppError, isAppError } from '../errors/app-error.js';
import { JoinLinks } from '../requests/join-links.js';
import { ASK_TO_JOIN_ANSWER, JoinRequests } from '../requests/join-requests.js';
import { isDisposableEmailDomain, isPublicEmailDomain } from '../requests/public-email-domains.js';
import type { Decision, StoredRequest } from '../requests/request-store.js';
import { findExistingMembers } from '../team/existing-members.js';
import { alreadyMemberReason } from '../team/invite-member.js';
import { assertKnownRole, listRoles } from '../team/roles.js';
import type { ScalekitGateway } from '../team/scalekit-types.js';
import { toTeamError } from '../team/team-errors.js';
import { callerOf, errorResponses } from './team/caller.js';

const HOUR_MS = 3_600_000;

/** The inbox's view: what the store keeps minus the bookkeeping. */
function view(request: StoredRequest): AccessRequest {
  const {
    organizationId: _organizationId,
    organizationName: _organizationName,
    requestedByUserId: _requestedByUserId,
    deciding: _deciding,
    externalId: _externalId,
    metadata: _metadata,
    ...shown
  } = request;
  return shown;
}

function organizationNameOf(request: FastifyRequest): string {
  return request.session.record?.organization.name ?? '';
}

export const requestRoutes: FastifyPluginCallbackZod<{ config: AppConfig }> = (
  app,
  { config },
  done,
) => {
  const gateway: ScalekitGateway = { call: app.callScalekit };
  // Scalekit refusals not handled by a route become contract codes, then the app's handler answers.
  app.setErrorHandler((error) => {
    throw toTeamError(error);
  });
  const store = app.requestStore;
  const index = app.memberIndex;
  const mailer = app.mailer;
  const requests = app.accessRequests;
  const joins = new JoinRequests({
    store,
    requests,
    gateway,
    mailer,
    links: new JoinLinks(config.session.secret),
    publicUrl: config.publicUrl,
    linkTtlSeconds: config.joinRequests.linkTtlSeconds,
    perAddressPerHour: config.joinRequests.perAddressPerHour,
  });

  app.get(
    routes.requests,
    {
      preHandler: requireSession,
      schema: {
        tags: ['requests'],
        summary: 'The approval inbox (admins), or the caller’s own proposals (members)',
        querystring: ListAccessRequestsQuerySchema,
        response: { 200: ListAccessRequestsResponseSchema, ...errorResponses(401, 503) },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const own = caller.isAdmin ? undefined : caller.userId;
      const [listed, pendingCount] = await Promise.all([
        store.list(caller.organizationId, {
          status: request.query.status,
          requestedByUserId: own,
          limit: ACCESS_REQUESTS_LIST_MAX,
        }),
        store.countPending(caller.organizationId, own),
      ]);
      return { requests: listed.map(view), pendingCount };
    },
  );

  app.post(
    routes.requests,
    {
      preHandler: requireSession,
      onRequest: app.rateLimits.invite,
      schema: {
        tags: ['requests'],
        summary: 'Propose someone to invite; an admin decides',
        body: ProposeInviteBodySchema,
        response: {
          201: AccessRequestResponseSchema,
          200: AccessRequestResponseSchema,
          ...errorResponses(401, 409, 422, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const body = request.body;
      if (body.suggestedRole !== undefined) {
        assertKnownRole(
          await listRoles(gateway, caller.organizationId),
          body.suggestedRole,
          'suggestedRole',
        );
      }
      const existing = (await index.isReady(caller.organizationId))
        ? await index.store.byEmails(caller.organizationId, [body.email])
        : await findExistingMembers(gateway, caller.organizationId, [body.email]);
      const member = existing.get(body.email);
      if (member !== undefined) throw new AppError('already_member', alreadyMemberReason(member));
      const { request: filed, created } = await requests.file({
        organizationId: caller.organizationId,
        organizationName: organizationNameOf(request),
        kind: 'proposal',
        email: body.email,
        givenName: body.givenName,
        familyName: body.familyName,
        suggestedRole: body.suggestedRole,
        note: body.note,
        by: { userId: caller.userId, email: caller.email },
        ip: request.ip,
      });
      return reply.code(created ? 201 : 200).send({ request: view(filed) });
    },
  );

  const decide = async (
    request: FastifyRequest,
    requestId: string,
    decision: Decision,
  ): Promise<AccessRequest> =>
    view(await requests.decide(request, callerOf(request).organizationId, requestId, decision));

  app.post(
    `${routes.requests}/:requestId/approve`,
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['requests'],
        summary: 'Approve a request: the invitation goes out with the role',
        params: AccessRequestParamsSchema,
        body: ApproveRequestBodySchema,
        response: {
          200: AccessRequestResponseSchema,
          ...errorResponses(401, 403, 404, 409, 422, 503),
        },
      },
    },
    async (request) => ({
      request: await decide(request, request.params.requestId, {
        decision: 'approve',
        role: request.body.role,
      }),
    }),
  );

  app.post(
    `${routes.requests}/:requestId/decline`,
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['requests'],
        summary: 'Decline a request with a reason (emailed to the requester)',
        params: AccessRequestParamsSchema,
        body: DeclineRequestBodySchema,
        response: {
          200: AccessRequestResponseSchema,
          ...errorResponses(401, 403, 404, 409, 422, 503),
        },
      },
    },
    async (request) => ({
      request: await decide(request, request.params.requestId, {
        decision: 'decline',
        reason: request.body.reason,
      }),
    }),
  );

  app.post(
    routes.requestDecisions,
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['requests'],
        summary: 'Approve or decline many requests; each answers its own outcome',
        body: BulkDecisionBodySchema,
        response: { 200: BulkDecisionResponseSchema, ...errorResponses(401, 403, 422, 503) },
      },
    },
    async (request) => {
      const body = request.body;
      const decision: Decision =
        body.decision === 'approve'
          ? { decision: 'approve', role: body.role }
          : { decision: 'decline', reason: body.reason };
      const results: BulkDecisionResult[] = [];
      // One at a time, in the order given: the seat limit then refuses the last ones, not random ones.
      for (const requestId of new Set(body.requestIds)) {
        try {
          results.push({
            requestId,
            outcome: 'decided',
            request: await decide(request, requestId, decision),
          });
        } catch (error) {
          const refusal = toTeamError(error);
          if (!isAppError(refusal) || refusal.statusCode >= 500) throw refusal;
          results.push({
            requestId,
            outcome: 'refused',
            code: refusal.code,
            message: refusal.message,
          });
        }
      }
      return { results };
    },
  );

  const joinDomains = async (organizationId: string): Promise<RequestJoinDomainsResponse> => ({
    domains: await store.listJoinDomains(organizationId),
    joinRequestsAvailable: mailer.available,
  });

  app.get(
    routes.requestJoinDomains,
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['requests'],
        summary: 'The domains whose people may ask to join from the sign-in page',
        response: { 200: RequestJoinDomainsResponseSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => joinDomains(callerOf(request).organizationId),
  );

  app.post(
    routes.requestJoinDomains,
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['requests'],
        summary: 'Let people on a domain ask to join (never a public or disposable one)',
        body: AddRequestJoinDomainBodySchema,
        response: { 200: RequestJoinDomainsResponseSchema, ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => {
      const { organizationId } = callerOf(request);
      const domain = request.body.domain;
      if (isPublicEmailDomain(domain) || isDisposableEmailDomain(domain)) {
        throw new AppError(
          'domain_not_allowed',
          `${domain} is a public or disposable email domain: anyone can have an address there.`,
          { issues: [{ path: 'domain', message: 'Use your organization’s own domain' }] },
        );
      }
      await store.addJoinDomain(organizationId, domain, new Date());
      return joinDomains(organizationId);
    },
  );

  app.delete(
    `${routes.requestJoinDomains}/:domain`,
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['requests'],
        summary: 'Stop taking join requests from a domain',
        params: RequestJoinDomainParamsSchema,
        response: { 200: RequestJoinDomainsResponseSchema, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const { organizationId } = callerOf(request);
      if (!(await store.removeJoinDomain(organizationId, request.params.domain))) {
        throw new AppError('not_found', 'That domain does not take join requests.');
      }
      return joinDomains(organizationId);
    },
  );

  // Signed out: limited per client IP here, and per address by the service (in the database).
  const askPerIp = app.rateLimit({
    max: config.joinRequests.perIpPerHour,
    timeWindow: HOUR_MS,
    keyGenerator: (request) => `join:ip:${request.ip}`,
  });

  app.post(
    routes.joinRequests,
    {
      onRequest: askPerIp,
      schema: {
        tags: ['join-requests'],
        summary: 'Ask to join: emails a link that proves the address (same answer for any address)',
        body: AskToJoinBodySchema,
        response: { 202: AskToJoinResponseSchema, ...errorResponses(422, 429, 503) },
      },
    },
    async (request, reply) => {
      await joins.ask(request.body.email);
      return reply.code(202).send({ message: ASK_TO_JOIN_ANSWER });
    },
  );

  app.post(
    routes.joinRequestConfirm,
    {
      onRequest: askPerIp,
      schema: {
        tags: ['join-requests'],
        summary: 'Follow the emailed link (once): files the request',
        body: ConfirmJoinRequestBodySchema,
        response: { 200: JoinRequestStatusResponseSchema, ...errorResponses(400, 422, 429, 503) },
      },
    },
    async (request) => joins.confirm(request.body.token, request.ip),
  );

  app.get(
    routes.joinRequestStatus,
    {
      schema: {
        tags: ['join-requests'],
        summary: 'Where the requester’s join requests stand (from the status link)',
        querystring: JoinRequestStatusQuerySchema,
        response: { 200: JoinRequestStatusResponseSchema, ...errorResponses(400, 422) },
      },
    },
    async (request) => joins.status(request.query.token),
  );
  done();
};
