// Member routes: list (filter, search, paging), change role, revoke or remove, resend invite.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import {
  ListMembersQuerySchema,
  ListMembersResponseSchema,
  MemberParamsSchema,
  MemberResponseSchema,
  RemoveMemberResponseSchema,
  UpdateMemberBodySchema,
  routes,
} from '@app/contracts';
import { memberChange, memberState } from '../../audit/team-audit.js';
import { requireAdmin, requireSession } from '../../auth/guards.js';
import { AppError } from '../../errors/app-error.js';
import { callerOf, errorResponses } from './caller.js';
import type { MemberIndex } from '../../member-index/member-index.js';
import { assertAnotherActiveAdmin } from '../../team/last-admin.js';
import { getMember, getMemberRecord } from '../../team/member-directory.js';
import { listMembers } from '../../team/member-listing.js';
import {
  changeMemberAccess,
  endMemberAccess,
  type SessionAccess,
} from '../../team/member-access.js';
import { ADMIN_ROLE, isActiveAdmin } from '../../team/member-mapping.js';
import type { OrganizationLock } from '../../team/organization-lock.js';
import { assertKnownRole, listRoles } from '../../team/roles.js';
import type { ScalekitGateway } from '../../team/scalekit-types.js';

export interface MemberRoutesOptions {
  gateway: ScalekitGateway;
  lock: OrganizationLock;
  /** Where the members' sessions are ended or given their new roles. */
  sessions: SessionAccess;
  index: MemberIndex;
}

const memberPath = routes.member(':userId').replace('%3A', ':');

export const memberRoutes: FastifyPluginCallbackZod<MemberRoutesOptions> = (
  app,
  { gateway, lock, index, sessions },
  done,
) => {
  app.get(
    routes.members,
    {
      preHandler: requireSession,
      schema: {
        tags: ['team'],
        summary: 'List the members of the organization',
        querystring: ListMembersQuerySchema,
        response: { 200: ListMembersResponseSchema, ...errorResponses(400, 401, 422) },
      },
    },
    async (request) => listMembers(gateway, index, callerOf(request).organizationId, request.query),
  );

  app.patch(
    memberPath,
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['team'],
        summary: "Change a member's role",
        params: MemberParamsSchema,
        body: UpdateMemberBodySchema,
        response: { 200: MemberResponseSchema, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const { organizationId } = callerOf(request);
      const { userId } = request.params;
      const { role } = request.body;
      return lock.run(organizationId, async () => {
        const [{ member, metadata }, roles] = await Promise.all([
          getMemberRecord(gateway, organizationId, userId),
          listRoles(gateway, organizationId),
        ]);
        assertKnownRole(roles, role);
        if (member.roles.length === 1 && member.roles[0] === role) return { member };
        if (isActiveAdmin(member) && role !== ADMIN_ROLE) {
          await assertAnotherActiveAdmin(gateway, index, organizationId, userId);
        }
        const changed = await app.teamAudit.record(
          request,
          memberChange('member.role_changed', member),
          async () => {
            // The metadata goes back unchanged: an update carries the whole membership.
            await gateway.call((client) =>
              client.user.updateMembership(organizationId, userId, { roles: [role], metadata }),
            );
            const after = await getMemberRecord(gateway, organizationId, userId);
            // Before answering: the member's next request, on any instance, has the new roles.
            await changeMemberAccess(sessions, organizationId, userId, {
              roles: after.member.roles,
              permissions: after.permissions,
            });
            return after.member;
          },
        );
        // Inside the lock: the next change's last-admin check already sees this one.
        await index.recordMember(organizationId, changed);
        return { member: changed };
      });
    },
  );

  app.delete(
    memberPath,
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['team'],
        summary: 'Revoke an invitation or remove a member',
        params: MemberParamsSchema,
        response: { 200: RemoveMemberResponseSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { organizationId, userId: callerId } = callerOf(request);
      const { userId } = request.params;
      if (userId === callerId) {
        throw new AppError('cannot_remove_self', 'You cannot remove yourself; ask another admin.');
      }
      return lock.run(organizationId, async () => {
        const member = await getMember(gateway, organizationId, userId);
        if (isActiveAdmin(member)) {
          await assertAnotherActiveAdmin(gateway, index, organizationId, userId);
        }
        const outcome =
          member.status === 'pending' || member.status === 'expired' ? 'revoked' : 'removed';
        await app.teamAudit.record(
          request,
          {
            kind: outcome === 'revoked' ? 'invitation.revoked' : 'member.removed',
            email: member.email,
            before: memberState(member),
            after: () => ({ userId, state: null }),
          },
          () => gateway.call((client) => client.user.deleteMembership(organizationId, userId)),
        );
        // Whatever the status was when read (an invitation may have been accepted meanwhile),
        // the user's sessions in this organization end before the admin gets the answer.
        await endMemberAccess({ sessions, gateway, log: request.log }, organizationId, userId);
        await index.recordRemoval(organizationId, userId);
        return { userId, outcome } as const;
      });
    },
  );

  app.post(
    routes.resendInvite(':userId').replace('%3A', ':'),
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['team'],
        summary: 'Send a pending or expired invitation again',
        params: MemberParamsSchema,
        response: { 200: MemberResponseSchema, ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const { organizationId } = callerOf(request);
      const { userId } = request.params;
      const member = await getMember(gateway, organizationId, userId);
      if (member.status !== 'pending' && member.status !== 'expired') {
        throw new AppError(
          'not_pending',
          'Only a pending or expired invitation can be sent again.',
        );
      }
      // The invitation policy may have changed since the first email: the same rule as a new one.
      await app.invitationPolicies.assertAllowed(organizationId, member.email);
      const resent = await app.teamAudit.record(
        request,
        memberChange('invitation.resent', member),
        async () => {
          await gateway.call((client) => client.user.resendInvite(organizationId, userId));
          return getMember(gateway, organizationId, userId);
        },
      );
      await index.recordMember(organizationId, resent);
      return { member: resent };
    },
  );
  done();
};
