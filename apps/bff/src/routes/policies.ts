// Who may join, for admins under /api/team: the organization's allowed email domains (at
// Scalekit) and its invitation policy (in the app's database); and, for Scalekit, the
// PRE_USER_INVITATION interceptor that applies the same policy to invitations made outside the
// app (the dashboard, another client). The organization of an admin route always comes from the
// session; the interceptor's from Scalekit's signed payload.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { WebhookVerificationError } from '@scalekit-sdk/node';
import {
  AddAllowedDomainBodySchema,
  AllowedDomainResponseSchema,
  ErrorBodySchema,
  IdSchema,
  InterceptorDecisionSchema,
  InterceptorRequestSchema,
  InvitationPolicyResponseSchema,
  ListAllowedDomainsResponseSchema,
  UpdateInvitationPolicyBodySchema,
  routes,
  type InterceptorDecision,
} from '@app/contracts';
import { requireAdmin } from '../auth/guards.js';
import type { AppConfig } from '../config/env.js';
import { AppError } from '../errors/app-error.js';
import type { SettingsActor } from '../policies/invitation-policies.js';
import { toTeamError } from '../team/team-errors.js';
import { keepBodyAsSigned, signedParts } from './signed-body.js';
import { callerOf, errorResponses } from './team/caller.js';

/** Scalekit's interceptor payloads are small; anything larger is not one of its calls. */
const INTERCEPTOR_MAX_BYTES = 64 * 1024;
const SIGNATURE_HEADERS = [
  'interceptor-id',
  'interceptor-timestamp',
  'interceptor-signature',
] as const;

function actorOf(request: FastifyRequest): SettingsActor {
  const { organizationId, userId, email } = callerOf(request);
  return { organizationId, userId, email, ip: request.ip };
}

export const policyRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  const policies = app.invitationPolicies;
  // Scalekit refusals not handled by the service become contract codes.
  app.setErrorHandler((error) => {
    throw toTeamError(error);
  });

  app.get(
    routes.allowedDomains,
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['policies'],
        summary: "The organization's allowed email domains (people on them may join)",
        response: { 200: ListAllowedDomainsResponseSchema, ...errorResponses(401, 403, 503) },
      },
    },
    async (request) => ({ domains: await policies.listDomains(callerOf(request).organizationId) }),
  );

  app.post(
    routes.allowedDomains,
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['policies'],
        summary: 'Add an allowed email domain (public and disposable providers are refused)',
        body: AddAllowedDomainBodySchema,
        response: { 201: AllowedDomainResponseSchema, ...errorResponses(401, 403, 409, 422, 503) },
      },
    },
    async (request, reply) => {
      const domain = await policies.addDomain(actorOf(request), request.body.domain, request.log);
      return reply.code(201).send({ domain });
    },
  );

  app.delete(
    `${routes.allowedDomains}/:domainId`,
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['policies'],
        summary: 'Remove an allowed email domain',
        params: z.object({ domainId: IdSchema }),
        response: { 200: AllowedDomainResponseSchema, ...errorResponses(401, 403, 404, 503) },
      },
    },
    async (request) => ({
      domain: await policies.removeDomain(actorOf(request), request.params.domainId, request.log),
    }),
  );

  app.get(
    routes.invitationPolicy,
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['policies'],
        summary: 'Whom invitations may go to',
        response: { 200: InvitationPolicyResponseSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => policies.read(callerOf(request).organizationId),
  );

  app.put(
    routes.invitationPolicy,
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['policies'],
        summary: 'Change whom invitations may go to (recorded in the audit log)',
        body: UpdateInvitationPolicyBodySchema,
        response: { 200: InvitationPolicyResponseSchema, ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => policies.change(actorOf(request), request.body),
  );
  done();
};

export interface InterceptorRoutesOptions {
  config: { scalekit: Pick<AppConfig['scalekit'], 'interceptorSecret'> };
}

/**
 * `POST /api/interceptors/pre-user-invitation`: Scalekit asks before it creates or sends an
 * invitation. The raw body is verified with the SDK's verifyInterceptorPayload (signature and a
 * 5-minute timestamp window) before anything is read; the answer is 200 ALLOW, or 200 DENY with
 * the policy's sentence, which Scalekit shows whoever invited. Any other answer (a 5xx when
 * Scalekit cannot be read back) makes Scalekit apply the interceptor's fail rule.
 */
export const interceptorRoutes: FastifyPluginCallbackZod<InterceptorRoutesOptions> = (
  app,
  { config },
  done,
) => {
  const secret = config.scalekit.interceptorSecret;
  keepBodyAsSigned(app, INTERCEPTOR_MAX_BYTES);

  app.post(
    routes.invitationInterceptor,
    {
      schema: {
        tags: ['policies'],
        summary: "Scalekit's PRE_USER_INVITATION interceptor (signed with the interceptor secret)",
        response: {
          200: InterceptorDecisionSchema,
          400: ErrorBodySchema,
          401: ErrorBodySchema,
          404: ErrorBodySchema,
          503: ErrorBodySchema,
        },
      },
    },
    async (request): Promise<InterceptorDecision> => {
      if (secret === undefined) {
        throw new AppError('not_found', 'The invitation interceptor is not configured here.');
      }
      const { raw, headers } = signedParts(request, SIGNATURE_HEADERS);
      try {
        app.scalekit.verifyInterceptorPayload(secret, headers, raw);
      } catch (error) {
        if (error instanceof WebhookVerificationError) {
          throw new AppError(
            'invalid_interceptor_signature',
            'The interceptor call is not signed with this app’s interceptor secret.',
          );
        }
        throw error;
      }
      const payload = InterceptorRequestSchema.safeParse(parseJson(raw));
      if (!payload.success) {
        throw new AppError('bad_request', 'The body is not a Scalekit interceptor call.');
      }
      const { trigger_point: trigger, interceptor_context: context } = payload.data;
      if (trigger !== 'PRE_USER_INVITATION' || context.organization_id === undefined) {
        throw new AppError('bad_request', 'This endpoint answers PRE_USER_INVITATION calls only.');
      }
      const verdict = await app.invitationPolicies.judge(
        context.organization_id,
        context.user_email,
      );
      request.log.info(
        { organizationId: context.organization_id, allowed: verdict.allowed },
        'answered the invitation interceptor',
      );
      return verdict.allowed
        ? { decision: 'ALLOW' }
        : { decision: 'DENY', error: { message: verdict.message } };
    },
  );
  done();
};

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
