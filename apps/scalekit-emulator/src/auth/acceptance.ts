// Accepting an invitation, whichever way it happens (the email link, or signing in with a
// code, which proves the email just as well): activate, announce, and retire the links.
import type { EmulatorContext, Events, Invitations, Membership, User } from '../domain.js';
import { membershipEventData, userEventData } from './event-data.js';

export function acceptInvitation(
  ctx: EmulatorContext,
  events: Events,
  invitations: Invitations,
  user: User,
  organizationId: string,
): Membership {
  // The first organization a user ever joins is their sign-up.
  const firstAcceptance = !ctx.directory
    .listMembershipsOfUser(user.id)
    .some((membership) => membership.status === 'ACTIVE');
  const membership = ctx.directory.activateMembership(organizationId, user.id, ctx.now());
  invitations.revoke(organizationId, user.id);
  const updated = ctx.directory.getUser(user.id) ?? user;
  events.emit('user.organization_membership_updated', organizationId, 'OrgMembership', {
    user: userEventData(updated),
    membership: membershipEventData(membership),
  });
  if (firstAcceptance) {
    events.emit('user.signup', organizationId, 'User', { user: userEventData(updated) });
  }
  return membership;
}

/** An invitation past its expiry reads INVITE_EXPIRED from now on. */
export function isInviteLapsed(ctx: EmulatorContext, membership: Membership): boolean {
  if (membership.status === 'INVITE_EXPIRED') return true;
  if (membership.status !== 'PENDING_INVITE') return false;
  if (membership.expiresAt !== null && membership.expiresAt.getTime() <= ctx.now().getTime()) {
    ctx.directory.markInviteExpired(membership.organizationId, membership.userId);
    return true;
  }
  return false;
}
