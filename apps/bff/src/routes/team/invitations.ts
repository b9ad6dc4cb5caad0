// `POST /api/team/invitations`: an admin invites one person by email, with a role.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { InviteMemberBodySchema, MemberResponseSchema, routes } from '@app/contracts';
import { invitationChange } from '../../audit/team-audit.js';
import { requireAdmin } from '../../auth/guards.js';
import { AppError } from '../../errors/app-error.js';
import { seatLimitRefusal } from '../../seats/seat-limit.js';
import { readSeatUsage, seatLimitReached } from '../../seats/seat-usage.js';
import { callerOf, errorResponses } from './caller.js';
import { alreadyMemberReason, inviteMember } from '../../team/invite-member.js';
import { assertKnownRole, listRoles } from '../../team/roles.js';
import type { ScalekitGateway } from '../../team/scalekit-types.js';
import type { MemberIndex } from '../../member-index/member-index.js';

export const invitationRoutes: FastifyPluginCallbackZod<{
  gateway: ScalekitGateway;
  index: MemberIndex;
}> = (app, { gateway, index }, done) => {
  app.post(
    routes.invitations,
    {
      preHandler: requireAdmin,
      onRequest: app.rateLimits.invite,
      schema: {
        tags: ['team'],
        summary: 'Invite a person into the organization',
        body: InviteMemberBodySchema,
        response: { 201: MemberResponseSchema, ...errorResponses(401, 403, 409, 422, 429) },
      },
    },
    async (request, reply) => {
      const { organizationId, email: inviterEmail } = callerOf(request);
      const body = request.body;
      assertKnownRole(await listRoles(gateway, organizationId), body.role);
      // Refused before Scalekit is asked, so nothing is created or emailed.
      await app.invitationPolicies.assertAllowed(organizationId, body.email);
      // Scalekit checks the seat limit as it creates the membership (nothing is created or
      // emailed past it); only a refusal pays for counting the seats to explain it.
      const result = await app.teamAudit
        .record(request, invitationChange(body.email, 'ui'), () =>
          inviteMember(gateway, {
            organizationId,
            inviterEmail,
            email: body.email,
            givenName: body.givenName,
            familyName: body.familyName,
            role: body.role,
            externalId: body.externalId,
            metadata: body.metadata,
          }),
        )
        .catch(async (error: unknown) => {
          if (seatLimitRefusal(error) === undefined) throw error;
          throw seatLimitReached(await readSeatUsage(gateway, index, organizationId), error);
        });
      await index.recordMember(organizationId, result.member);
      if (result.outcome === 'already_member') {
        throw new AppError('already_member', alreadyMemberReason(result.member));
      }
      return reply.code(201).send({ member: result.member });
    },
  );
  done();
};
