// Maps a Scalekit user and its membership in one organization to the contracts' Member.
import { MembershipStatus } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/commons/commons_pb.js';
import { RESERVED_METADATA_KEYS, type Member, type MemberStatus } from '@app/contracts';
import type { ScalekitMembership, ScalekitUser } from './scalekit-types.js';

/** Membership metadata key carrying the email of the admin who sent the invitation. */
export const INVITED_BY_METADATA_KEY = 'invited_by';

/** The role that may manage the team. */
export const ADMIN_ROLE = 'admin';

interface ProtoTimestamp {
  seconds: bigint;
  nanos: number;
}

export function toIso(timestamp: ProtoTimestamp | undefined): string | null {
  if (timestamp === undefined) return null;
  const millis = Number(timestamp.seconds) * 1000 + Math.floor(timestamp.nanos / 1_000_000);
  return millis > 0 ? new Date(millis).toISOString() : null;
}

export function memberStatusOf(status: MembershipStatus): MemberStatus {
  switch (status) {
    case MembershipStatus.PENDING_INVITE:
      return 'pending';
    case MembershipStatus.INVITE_EXPIRED:
      return 'expired';
    case MembershipStatus.INACTIVE:
      return 'inactive';
    default:
      // ACTIVE, and UNSPECIFIED from servers that do not report a status for plain members.
      return 'active';
  }
}

export function membershipIn(
  user: ScalekitUser,
  organizationId: string,
): ScalekitMembership | undefined {
  return user.memberships.find((membership) => membership.organizationId === organizationId);
}

export function roleNamesOf(membership: ScalekitMembership): string[] {
  return membership.roles.map((role) => role.name).filter((name) => name !== '');
}

/** The Member view of `user` in `organizationId`, or undefined when the user is not in it. */
export function toMember(user: ScalekitUser, organizationId: string): Member | undefined {
  const membership = membershipIn(user, organizationId);
  if (membership === undefined) return undefined;
  const profile = user.userProfile;
  const status = memberStatusOf(membership.membershipStatus);
  const invitedBy =
    nonEmpty(membership.inviterEmail) ??
    nonEmpty(membership.metadata[INVITED_BY_METADATA_KEY]) ??
    null;
  const acceptedAt = toIso(membership.acceptedAt);
  // A membership came from an invitation when it is (or was) pending, or an inviter is known;
  // members provisioned directly have no invitation time.
  const invited =
    status === 'pending' || status === 'expired' || invitedBy !== null || acceptedAt !== null;
  const givenName = profile?.givenName ?? '';
  const familyName = profile?.familyName ?? '';
  return {
    userId: user.id,
    email: user.email,
    name: profile?.name || [givenName, familyName].filter((part) => part !== '').join(' '),
    givenName,
    familyName,
    roles: roleNamesOf(membership),
    status,
    emailVerified: profile?.emailVerified ?? false,
    invitedBy,
    invitedAt: invited ? (toIso(membership.createdAt) ?? toIso(membership.joinTime)) : null,
    acceptedAt,
    expiresAt: status === 'pending' || status === 'expired' ? toIso(membership.expiresAt) : null,
    externalId: nonEmpty(user.externalId) ?? null,
    metadata: callerMetadata(membership.metadata),
  };
}

/** The membership's metadata without the keys the app keeps there for itself. */
function callerMetadata(metadata: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(metadata).filter(([key]) => !RESERVED_METADATA_KEYS.includes(key)),
  );
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

export function isActiveAdmin(member: Member): boolean {
  return member.status === 'active' && member.roles.includes(ADMIN_ROLE);
}
