// Memberships with Scalekit's rules: conflicts, first-member role, invitations (pending /
// expired / resend), membership webhooks, and the cascade when a membership is removed.
import type { Events, Membership, Organization, User, WebhookEventType } from '../domain.js';
import { membershipEventData, userEventData } from '../auth/event-data.js';
import { alreadyExists, failedPrecondition } from './errors.js';
import { requireMembership, requireOrganization, requireUser, type Ref } from './lookups.js';
import type { ManagementDeps } from './management.js';
import type { Roles } from './roles.js';
import type { DirectoryStore } from './store.js';
import { checkMetadata, emptyToUndefined, normalizeEmail, unique } from './validation.js';

export interface MembershipInput {
  roles?: string[]; // empty or absent: the default for this organization
  metadata?: Record<string, string>; // empty or absent: unchanged
  inviterEmail?: string;
}

export interface UserAndMembership {
  user: User;
  membership: Membership;
}

export interface ResentInvite {
  membership: Membership;
  resentAt: Date;
}

/** Membership metadata key by which an application may record who sent an invitation. */
export const INVITER_EMAIL_KEY = 'inviter_email';

export class Memberships {
  constructor(
    private readonly deps: ManagementDeps,
    private readonly roles: Roles,
  ) {}

  private get store(): DirectoryStore {
    return this.deps.store;
  }

  /**
   * Adds an existing user to an organization. On a membership that is still an invitation it
   * updates roles and metadata instead, so "invite, then set the role" works in either order.
   */
  createMembership(
    organizationId: string,
    userRef: Ref,
    input: MembershipInput,
    sendInvitationEmail: boolean,
  ): UserAndMembership {
    return this.store.transaction(() => {
      const org = requireOrganization(this.store, { id: organizationId });
      const user = requireUser(this.store, userRef);
      const current = this.store.getMembership(org.id, user.id);
      if (current === undefined) return this.start(org, user, input, sendInvitationEmail);
      if (current.status === 'ACTIVE' || current.status === 'INACTIVE') {
        throw alreadyExists(
          `${user.email} is already a member of ${org.displayName} (${current.status})`,
        );
      }
      return this.change(org, user, current, input);
    });
  }

  updateMembership(
    organizationId: string,
    userRef: Ref,
    input: MembershipInput,
  ): UserAndMembership {
    return this.store.transaction(() => {
      const org = requireOrganization(this.store, { id: organizationId });
      const user = requireUser(this.store, userRef);
      return this.change(org, user, requireMembership(this.store, org, user), input);
    });
  }

  /**
   * Revokes the invitation or removes the member: outstanding links die, the user's sessions for
   * this organization end, and (cascade, the default) a user left without organizations is deleted.
   */
  deleteMembership(organizationId: string, userRef: Ref, cascade = true): void {
    this.store.transaction(() => {
      const org = requireOrganization(this.store, { id: organizationId });
      const user = requireUser(this.store, userRef);
      this.remove(org, requireMembership(this.store, org, user), cascade);
    });
  }

  /** An expired invitation gets a fresh link and expiry; a live one is sent again; members are refused. */
  resendInvite(organizationId: string, userId: string): ResentInvite {
    return this.store.transaction(() => {
      const org = requireOrganization(this.store, { id: organizationId });
      const user = requireUser(this.store, { id: userId });
      const membership = requireMembership(this.store, org, user);
      if (membership.status === 'ACTIVE') {
        throw failedPrecondition(
          `${user.email} already accepted the invitation to ${org.displayName}`,
        );
      }
      if (membership.status === 'INACTIVE') {
        throw failedPrecondition(
          `the membership of ${user.email} in ${org.displayName} is inactive`,
        );
      }
      const now = this.deps.now();
      if (membership.status === 'INVITE_EXPIRED') {
        // A renewed invitation takes a seat again.
        this.store.assertSeatAvailable(org.id);
        membership.status = 'PENDING_INVITE';
        membership.expiresAt = this.inviteExpiry(now);
      }
      membership.resendCount += 1;
      this.store.saveMembership(membership);
      this.store.markResent(org.id, user.id, now);
      this.sendInvitation(org, user, membership);
      return { membership, resentAt: now };
    });
  }

  resentAt(organizationId: string, userId: string): Date | null {
    return this.store.resentAt(organizationId, userId);
  }

  /**
   * Creates the membership (an invitation unless sendInvitationEmail is false), within the
   * organization's seat limit; callers hold a transaction, so a refusal leaves nothing behind.
   */
  start(
    org: Organization,
    user: User,
    input: MembershipInput,
    sendInvitationEmail: boolean,
  ): UserAndMembership {
    this.store.assertSeatAvailable(org.id);
    const now = this.deps.now();
    const requested = input.roles ?? [];
    const defaults = this.roles.defaultRolesFor(org.id);
    const roles =
      requested.length > 0
        ? unique(this.roles.checkGrantable(org.id, requested))
        : [
            // The first member gets the creator's role. Asked per invitation: a count would read
            // every membership of the organization each time.
            !this.store.hasMemberships(org.id) ? defaults.creator : defaults.member,
          ];
    const metadata = checkMetadata(input.metadata ?? {});
    const membership: Membership = {
      organizationId: org.id,
      userId: user.id,
      status: sendInvitationEmail ? 'PENDING_INVITE' : 'ACTIVE',
      roles,
      metadata,
      inviterEmail: inviterEmailOf(input.inviterEmail, metadata) ?? null,
      displayName: null,
      createdAt: now,
      acceptedAt: sendInvitationEmail ? null : now,
      expiresAt: sendInvitationEmail ? this.inviteExpiry(now) : null,
      resendCount: 0,
      provisioningMethod: sendInvitationEmail ? 'invitation' : 'direct_provision',
    };
    this.store.saveMembership(membership);
    // Adding someone without an invitation vouches for the address, as Scalekit does.
    if (!sendInvitationEmail) this.store.markEmailVerified(user.id);
    const current = requireUser(this.store, { id: user.id });
    this.announce('user.organization_membership_created', org, current, membership);
    if (sendInvitationEmail) this.sendInvitation(org, current, membership);
    return { user: current, membership };
  }

  /** Replaces roles and metadata where given (empty means unchanged); callers hold a transaction. */
  change(
    org: Organization,
    user: User,
    membership: Membership,
    input: MembershipInput,
  ): UserAndMembership {
    if (input.roles !== undefined && input.roles.length > 0)
      membership.roles = unique(this.roles.checkGrantable(org.id, input.roles));
    if (input.metadata !== undefined && Object.keys(input.metadata).length > 0) {
      membership.metadata = checkMetadata(input.metadata);
    }
    membership.inviterEmail =
      inviterEmailOf(input.inviterEmail, input.metadata ?? {}) ?? membership.inviterEmail;
    this.store.saveMembership(membership);
    this.announce('user.organization_membership_updated', org, user, membership);
    return { user, membership };
  }

  /** Removes one membership with its links and sessions; callers hold a transaction. */
  remove(org: Organization, membership: Membership, cascade: boolean): void {
    const user = requireUser(this.store, { id: membership.userId });
    this.deps.invitations.revoke(org.id, user.id);
    this.deps.sessions.endForMembership(user.id, org.id);
    this.store.deleteMembershipRecord(org.id, user.id);
    this.announce('user.organization_membership_deleted', org, user, membership);
    if (cascade && this.store.listMembershipsOfUser(user.id).length === 0) {
      this.deps.sessions.endAllForUser(user.id);
      this.store.deleteUserRecord(user.id);
    }
  }

  announce(type: WebhookEventType, org: Organization, user: User, membership: Membership): void {
    announceMembership(this.deps.events, type, org, user, membership);
  }

  private sendInvitation(org: Organization, user: User, membership: Membership): void {
    this.deps.invitations.send({
      organization: org,
      user,
      membership,
      inviterEmail: membership.inviterEmail,
    });
    this.announce('user.organization_invitation', org, user, membership);
  }

  private inviteExpiry(now: Date): Date {
    return new Date(now.getTime() + this.deps.settings.inviteTtlSeconds * 1000);
  }
}

/** A membership webhook; role changes made by the role calls announce themselves this way too. */
export function announceMembership(
  events: Events,
  type: WebhookEventType,
  org: Organization,
  user: User,
  membership: Membership,
): void {
  // Same payload shape as the auth surface's membership events, so consumers parse one format.
  events.emit(type, org.id, 'OrgMembership', {
    organization: { id: org.id, display_name: org.displayName, external_id: org.externalId },
    user: userEventData(user),
    membership: membershipEventData(membership),
  });
}

function inviterEmailOf(
  explicit: string | undefined,
  metadata: Record<string, string>,
): string | undefined {
  const candidate = emptyToUndefined(explicit) ?? metadata[INVITER_EMAIL_KEY];
  return candidate === undefined ? undefined : normalizeEmail(candidate, 'inviter_email');
}
