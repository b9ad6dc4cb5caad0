// Domain objects rendered as the SDK's protobuf messages (field names and enums from the
// descriptors shipped in @scalekit-sdk/node, so the wire format matches by construction).
import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import {
  MembershipStatus,
  RegionCode,
} from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/commons/commons_pb.js';
import type {
  OrganizationMembershipSchema,
  RoleSchema as CommonsRoleSchema,
} from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/commons/commons_pb.js';
import type { OrganizationSchema } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/organizations/organizations_pb.js';
import type { UserSchema } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/users/users_pb.js';
import type { Membership, Organization, Seed, User } from '../domain.js';
import type { Page } from '../directory/paging.js';
import type { DirectoryStore } from '../directory/store.js';

export type UserMessage = MessageInitShape<typeof UserSchema>;
export type MembershipMessage = MessageInitShape<typeof OrganizationMembershipSchema>;
export type OrganizationMessage = MessageInitShape<typeof OrganizationSchema>;
export type RoleRefMessage = MessageInitShape<typeof CommonsRoleSchema>;

export class Presenter {
  constructor(
    private readonly store: DirectoryStore,
    private readonly seed: Seed,
  ) {}

  organization(org: Organization): OrganizationMessage {
    return {
      id: org.id,
      displayName: org.displayName,
      externalId: org.externalId ?? undefined,
      metadata: org.metadata,
      regionCode: RegionCode[org.regionCode],
      slug: org.slug ?? undefined,
      logoUrl: org.logoUrl ?? undefined,
      settings: { features: this.store.organizationSettings.features(org.id) },
      createTime: timestampFromDate(org.createdAt),
      updateTime: timestampFromDate(org.updatedAt),
    };
  }

  /** A user with its memberships: all of them, or only the given ones (organization listings). */
  user(
    user: User,
    memberships: Membership[] = this.store.listMembershipsOfUser(user.id),
  ): UserMessage {
    return {
      id: user.id,
      environmentId: this.seed.environment.id,
      email: user.email,
      externalId: user.externalId ?? undefined,
      createTime: timestampFromDate(user.createdAt),
      updateTime: timestampFromDate(user.updatedAt),
      lastLoginTime: optionalTimestamp(user.lastLoginAt),
      metadata: user.metadata,
      memberships: memberships.map((membership) => this.membership(membership)),
      userProfile: {
        id: `usp_${user.id.replace(/^usr_/, '')}`,
        givenName: user.profile.givenName,
        familyName: user.profile.familyName,
        firstName: user.profile.givenName,
        lastName: user.profile.familyName,
        name: user.profile.name,
        locale: user.profile.locale,
        emailVerified: user.profile.emailVerified,
        phoneNumber: user.profile.phoneNumber,
        metadata: user.profile.metadata,
        customAttributes: user.profile.customAttributes,
        preferredUsername: user.profile.preferredUsername,
        picture: user.profile.picture,
        gender: user.profile.gender,
        groups: user.profile.groups,
      },
    };
  }

  membership(membership: Membership): MembershipMessage {
    const org = this.store.getOrganization(membership.organizationId);
    return {
      organizationId: membership.organizationId,
      membershipStatus: MembershipStatus[membership.status],
      roles: membership.roles.map((name) => this.roleRef(membership.organizationId, name)),
      permissions: this.store.permissionsForRoles(membership.organizationId, membership.roles),
      name: org?.displayName,
      displayName: membership.displayName ?? org?.displayName,
      metadata: membership.metadata,
      inviterEmail: membership.inviterEmail ?? undefined,
      createdAt: timestampFromDate(membership.createdAt),
      joinTime: optionalTimestamp(membership.acceptedAt),
      acceptedAt: optionalTimestamp(membership.acceptedAt),
      expiresAt: optionalTimestamp(membership.expiresAt),
      provisioningMethod: membership.provisioningMethod,
    };
  }

  /** A role as memberships name it ({id, name, display_name}), resolved in the organization. */
  roleRef(organizationId: string, name: string): RoleRefMessage {
    const role = this.store.roles.resolveRole(organizationId, name);
    return { id: role?.id ?? '', name, displayName: role?.displayName ?? name };
  }
}

/** The paging fields every list and search response carries (no backward paging). */
export function pageFields(page: Page<unknown>): {
  nextPageToken: string;
  totalSize: number;
  prevPageToken: string;
} {
  return { nextPageToken: page.nextPageToken, totalSize: page.totalSize, prevPageToken: '' };
}

function optionalTimestamp(date: Date | null): Timestamp | undefined {
  return date === null ? undefined : timestampFromDate(date);
}
