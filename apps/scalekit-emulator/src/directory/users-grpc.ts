// UserService's user RPCs: create (with the first membership), get, list, update, delete.
import type { ServiceImpl } from '@connectrpc/connect';
import type { UserService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/users/users_pb.js';
import { pageFields, type Presenter } from '../grpc/messages.js';
import { refOf, requireField, roleNames } from '../grpc/refs.js';
import { invalidArgument } from './errors.js';
import type { ProfileInput, Users } from './users.js';

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
  preferredUsername?: string;
  picture?: string;
  gender?: string;
  groups: string[];
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
    preferredUsername: profile.preferredUsername || undefined,
    picture: profile.picture || undefined,
    gender: profile.gender || undefined,
    groups: profile.groups,
  };
}

export function userRpcs(
  users: Users,
  present: Presenter,
): Partial<ServiceImpl<typeof UserService>> {
  return {
    createUserAndMembership(req) {
      if (req.user === undefined) throw invalidArgument('user is required');
      const { user } = users.createUserAndMembership(
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
      return { user: present.user(users.getUser(refOf(req.identities, 'user'))) };
    },
    listUsers(req) {
      const page = users.listUsers({ pageSize: req.pageSize, pageToken: req.pageToken });
      return {
        users: page.items.map((user) => present.user(user)),
        ...pageFields(page),
      };
    },
    listOrganizationUsers(req) {
      const page = users.listOrganizationUsers(
        requireField(req.organizationId, 'organization_id'),
        {
          pageSize: req.pageSize,
          pageToken: req.pageToken,
        },
      );
      return {
        // Each user carries only its membership in the listed organization.
        users: page.items.map(({ user, membership }) => present.user(user, [membership])),
        ...pageFields(page),
      };
    },
    updateUser(req) {
      const user = users.updateUser(refOf(req.identities, 'user'), {
        externalId: req.user?.externalId,
        profile: profileInput(req.user?.userProfile),
        metadata: req.user?.metadata,
      });
      return { user: present.user(user) };
    },
    deleteUser(req) {
      users.deleteUser(refOf(req.identities, 'user'));
      return {};
    },
  };
}
