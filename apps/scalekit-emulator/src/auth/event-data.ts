// The `data` payloads of webhook events, in Scalekit's snake_case JSON style.
import type { Membership, User } from '../domain.js';

export function userEventData(user: User): Record<string, unknown> {
  return {
    id: user.id,
    email: user.email,
    external_id: user.externalId,
    user_profile: {
      given_name: user.profile.givenName,
      family_name: user.profile.familyName,
      name: user.profile.name,
      email_verified: user.profile.emailVerified,
    },
  };
}

export function membershipEventData(membership: Membership): Record<string, unknown> {
  return {
    organization_id: membership.organizationId,
    user_id: membership.userId,
    membership_status: membership.status,
    roles: membership.roles.map((name) => ({ name })),
    inviter_email: membership.inviterEmail,
    created_at: membership.createdAt.toISOString(),
    accepted_at: membership.acceptedAt?.toISOString() ?? null,
    expires_at: membership.expiresAt?.toISOString() ?? null,
  };
}
