// UserService's membership RPCs: create, update, delete, and resending an invitation.
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { ServiceImpl } from '@connectrpc/connect';
import type { UserService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/users/users_pb.js';
import type { Presenter } from '../grpc/messages.js';
import { refOf, requireField, roleNames } from '../grpc/refs.js';
import type { Memberships } from './memberships.js';

export function membershipRpcs(
  memberships: Memberships,
  present: Presenter,
): Partial<ServiceImpl<typeof UserService>> {
  return {
    createMembership(req) {
      const { user } = memberships.createMembership(
        requireField(req.organizationId, 'organization_id'),
        refOf(req.identities, 'user'),
        {
          roles: roleNames(req.membership?.roles ?? []),
          metadata: req.membership?.metadata,
          inviterEmail: req.membership?.inviterEmail,
        },
        req.sendInvitationEmail ?? true,
      );
      return { user: present.user(user) };
    },
    updateMembership(req) {
      const { user } = memberships.updateMembership(
        requireField(req.organizationId, 'organization_id'),
        refOf(req.identities, 'user'),
        { roles: roleNames(req.membership?.roles ?? []), metadata: req.membership?.metadata },
      );
      return { user: present.user(user) };
    },
    deleteMembership(req) {
      memberships.deleteMembership(
        requireField(req.organizationId, 'organization_id'),
        refOf(req.identities, 'user'),
        req.cascade ?? true,
      );
      return {};
    },
    resendInvite(req) {
      const { membership, resentAt } = memberships.resendInvite(
        requireField(req.organizationId, 'organization_id'),
        requireField(req.id, 'id'),
      );
      return {
        invite: {
          organizationId: membership.organizationId,
          userId: membership.userId,
          inviterEmail: membership.inviterEmail ?? undefined,
          status: membership.status,
          createdAt: timestampFromDate(membership.createdAt),
          expiresAt:
            membership.expiresAt === null ? undefined : timestampFromDate(membership.expiresAt),
          resentAt: timestampFromDate(resentAt),
          resentCount: membership.resendCount,
        },
      };
    },
  };
}
