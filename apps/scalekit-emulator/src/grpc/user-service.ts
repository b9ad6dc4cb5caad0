// UserService: users, memberships, invitations and member roles. Other RPCs answer Unimplemented.
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { ServiceImpl } from '@connectrpc/connect';
import { UserService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/users/users_pb.js';
import { invalidArgument } from '../directory/errors.js';
import type { Management, ProfileInput } from '../directory/management.js';
import type { Presenter } from './messages.js';
import { refOf, requireField, roleNames } from './refs.js';

interface ProfileFields {
  givenName?: string;
  familyName?: string;
  firstName?: string;
  lastName?: string;
  name?: string;
  locale?: string;
  phoneNumber?: string;
  metadata: Record<string, string>;
  customAttributes: Record<string, string>;
}

/** The SDK sends the deprecated firstName/lastName; newer clients send givenName/familyName. */
function profileInput(profile: ProfileFields | undefined): ProfileInput | undefined {
  if (profile === undefined) return undefined;
  return {
    givenName: profile.givenName || profile.firstName || undefined,
    familyName: profile.familyName || profile.lastName || undefined,
    name: profile.name || undefined,
    locale: profile.locale || undefined,
    phoneNumber: profile.phoneNumber || undefined,
    metadata: profile.metadata,
    customAttributes: profile.customAttributes,
  };
}

export function userService(
  management: Management,
  present: Presenter,
): Partial<ServiceImpl<typeof UserService>> {
  return {
    createUserAndMembership(req) {
      if (req.user === undefined) throw invalidArgument('user is required');
      const { user } = management.createUserAndMembership(
        requireField(req.organizationId, 'organization_id'),
        {
          email: req.user.email,
          externalId: req.user.externalId,
          profile: profileInput(req.user.userProfile),
          metadata: req.user.metadata,
        },
        {
          roles: roleNames(req.user.membership?.roles ?? []),
          metadata: req.user.membership?.metadata,
          inviterEmail: req.user.membership?.inviterEmail,
        },
        // Scalekit's documented default: invite unless told otherwise.
        req.sendInvitationEmail ?? true,
      );
      return { user: present.user(user) };
    },
    getUser(req) {
      return { user: present.user(management.getUser(refOf(req.identities, 'user'))) };
    },
    listUsers(req) {
      const page = management.listUsers({ pageSize: req.pageSize, pageToken: req.pageToken });
      return {
        users: page.items.map((user) => present.user(user)),
        nextPageToken: page.nextPageToken,
        totalSize: page.totalSize,
        prevPageToken: '',
      };
    },
    listOrganizationUsers(req) {
      const page = management.listOrganizationUsers(
        requireField(req.organizationId, 'organization_id'),
        {
          pageSize: req.pageSize,
          pageToken: req.pageToken,
        },
      );
      return {
        // Each user carries only its membership in the listed organization.
        users: page.items.map(({ user, membership }) => present.user(user, [membership])),
        nextPageToken: page.nextPageToken,
        totalSize: page.totalSize,
        prevPageToken: '',
      };
    },
    updateUser(req) {
      const user = management.updateUser(refOf(req.identities, 'user'), {
        externalId: req.user?.externalId,
        profile: profileInput(req.user?.userProfile),
        metadata: req.user?.metadata,
      });
      return { user: present.user(user) };
    },
    deleteUser(req) {
      management.deleteUser(refOf(req.identities, 'user'));
      return {};
    },
    createMembership(req) {
      const { user } = management.createMembership(
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
      const { user } = management.updateMembership(
        requireField(req.organizationId, 'organization_id'),
        refOf(req.identities, 'user'),
        { roles: roleNames(req.membership?.roles ?? []), metadata: req.membership?.metadata },
      );
      return { user: present.user(user) };
    },
    deleteMembership(req) {
      management.deleteMembership(
        requireField(req.organizationId, 'organization_id'),
        refOf(req.identities, 'user'),
        req.cascade ?? true,
      );
      return {};
    },
    resendInvite(req) {
      const { membership, resentAt } = management.resendInvite(
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
    listUserRoles(req) {
      const roles = management.listUserRoles(
        requireField(req.organizationId, 'organization_id'),
        requireField(req.userId, 'user_id'),
      );
      return { roles: roles.map((name) => present.roleRef(req.organizationId, name)) };
    },
    assignUserRoles(req) {
      const roles = management.assignUserRoles(
        requireField(req.organizationId, 'organization_id'),
        requireField(req.userId, 'user_id'),
        roleNames(req.roles),
      );
      return { roles: roles.map((name) => present.roleRef(req.organizationId, name)) };
    },
    removeUserRole(req) {
      management.removeUserRole(
        requireField(req.organizationId, 'organization_id'),
        requireField(req.userId, 'user_id'),
        requireField(req.roleName, 'role_name'),
      );
      return {};
    },
    listUserPermissions(req) {
      const permissions = management.listUserPermissions(
        requireField(req.organizationId, 'organization_id'),
        requireField(req.userId, 'user_id'),
      );
      return {
        permissions: permissions.map(({ id, name, description }) => ({ id, name, description })),
      };
    },
  };
}
