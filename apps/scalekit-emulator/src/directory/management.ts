// The management operations behind the gRPC API, with Scalekit's membership rules: conflicts,
// first-member role, invitations (pending / expired / resend), and cascades on removal.
import type {
  EmulatorSettings,
  Events,
  Invitations,
  Membership,
  Organization,
  Seed,
  Sessions,
  User,
  UserProfile,
  WebhookEventType,
} from '../domain.js';
import { alreadyExists, failedPrecondition, invalidArgument, notFound } from './errors.js';
import { membershipEventData, userEventData } from '../auth/event-data.js';
import { newId } from './ids.js';
import type { Page, PageRequest } from './paging.js';
import type { Permission } from './role-store.js';
import type { RoleAdmin } from './roles.js';
import type { DirectoryStore, OrganizationMember } from './store.js';
import { checkMetadata, normalizeEmail, optionalText, requireText } from './validation.js';

export interface ManagementDeps {
  store: DirectoryStore;
  roles: RoleAdmin;
  invitations: Invitations;
  sessions: Sessions;
  events: Events;
  settings: EmulatorSettings;
  seed: Seed;
  now: () => Date;
}

/** Organizations and users are addressed by Scalekit id or by the application's external id. */
export type Ref = { id: string } | { externalId: string };

export interface ProfileInput {
  givenName?: string;
  familyName?: string;
  name?: string;
  locale?: string;
  phoneNumber?: string;
  metadata?: Record<string, string>;
  customAttributes?: Record<string, string>;
}

export interface CreateUserInput {
  email: string;
  externalId?: string;
  profile?: ProfileInput;
  metadata?: Record<string, string>;
}

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

export class Management {
  constructor(private readonly deps: ManagementDeps) {}

  private get store(): DirectoryStore {
    return this.deps.store;
  }

  // --- organizations ---------------------------------------------------------------------------

  createOrganization(input: {
    displayName: string;
    externalId?: string;
    metadata?: Record<string, string>;
  }): Organization {
    const displayName = requireText(input.displayName, 'display_name');
    const externalId = emptyToUndefined(input.externalId);
    return this.store.transaction(() => {
      if (externalId !== undefined) this.assertOrganizationExternalIdFree(externalId);
      const now = this.deps.now();
      const org: Organization = {
        id: newId('org'),
        displayName,
        externalId: externalId ?? null,
        metadata: checkMetadata(input.metadata ?? {}),
        createdAt: now,
        updatedAt: now,
      };
      this.store.saveOrganization(org);
      return org;
    });
  }

  getOrganization(ref: Ref): Organization {
    const org =
      'id' in ref
        ? this.store.getOrganization(ref.id)
        : this.store.findOrganizationByExternalId(ref.externalId);
    if (org === undefined) throw notFound(`organization ${describeRef(ref)} not found`);
    return org;
  }

  listOrganizations(request: PageRequest & { externalId?: string }): Page<Organization> {
    return this.store.pageOrganizations(request, emptyToUndefined(request.externalId));
  }

  updateOrganization(
    ref: Ref,
    patch: { displayName?: string; externalId?: string; metadata?: Record<string, string> },
  ): Organization {
    return this.store.transaction(() => {
      const org = this.getOrganization(ref);
      if (patch.displayName !== undefined)
        org.displayName = requireText(patch.displayName, 'display_name');
      if (patch.externalId !== undefined) {
        const externalId = emptyToUndefined(patch.externalId);
        if (externalId !== undefined && externalId !== org.externalId)
          this.assertOrganizationExternalIdFree(externalId);
        org.externalId = externalId ?? null;
      }
      if (patch.metadata !== undefined && Object.keys(patch.metadata).length > 0) {
        org.metadata = checkMetadata(patch.metadata);
      }
      org.updatedAt = this.deps.now();
      this.store.saveOrganization(org);
      return org;
    });
  }

  /** Removes every membership first (same cascade as deleteMembership), then the organization. */
  deleteOrganization(ref: Ref): void {
    this.store.transaction(() => {
      const org = this.getOrganization(ref);
      for (const membership of this.store.listMembershipsOfOrganization(org.id)) {
        this.removeMembership(org, membership, true);
      }
      this.store.deleteOrganizationRecord(org.id);
    });
  }

  // --- users -----------------------------------------------------------------------------------

  createUserAndMembership(
    organizationId: string,
    input: CreateUserInput,
    membershipInput: MembershipInput,
    sendInvitationEmail: boolean,
  ): UserAndMembership {
    const email = normalizeEmail(input.email);
    return this.store.transaction(() => {
      const org = this.getOrganization({ id: organizationId });
      const existing = this.store.findUserByEmail(email);
      if (existing !== undefined) {
        // Scalekit keeps one user per email: a second organization gets a new membership.
        const current = this.store.getMembership(org.id, existing.id);
        if (current !== undefined) {
          throw alreadyExists(
            `${email} is already a member of ${org.displayName} (${current.status})`,
          );
        }
        this.fillMissingProfile(existing, input.profile);
        return this.startMembership(org, existing, membershipInput, sendInvitationEmail);
      }
      const externalId = emptyToUndefined(input.externalId);
      if (externalId !== undefined) this.assertUserExternalIdFree(externalId);
      const now = this.deps.now();
      const user: User = {
        id: newId('usr'),
        email,
        externalId: externalId ?? null,
        profile: buildProfile(input.profile ?? {}),
        metadata: checkMetadata(input.metadata ?? {}),
        createdAt: now,
        updatedAt: now,
        lastLoginAt: null,
      };
      this.store.saveUser(user);
      return this.startMembership(org, user, membershipInput, sendInvitationEmail);
    });
  }

  getUser(ref: Ref): User {
    const user =
      'id' in ref ? this.store.getUser(ref.id) : this.store.findUserByExternalId(ref.externalId);
    if (user === undefined) throw notFound(`user ${describeRef(ref)} not found`);
    return user;
  }

  listUsers(request: PageRequest): Page<User> {
    return this.store.pageUsers(request);
  }

  updateUser(
    ref: Ref,
    patch: { externalId?: string; profile?: ProfileInput; metadata?: Record<string, string> },
  ): User {
    return this.store.transaction(() => {
      const user = this.getUser(ref);
      if (patch.externalId !== undefined) {
        const externalId = emptyToUndefined(patch.externalId);
        if (externalId !== undefined && externalId !== user.externalId)
          this.assertUserExternalIdFree(externalId);
        user.externalId = externalId ?? null;
      }
      if (patch.profile !== undefined) user.profile = patchProfile(user.profile, patch.profile);
      if (patch.metadata !== undefined && Object.keys(patch.metadata).length > 0) {
        user.metadata = checkMetadata(patch.metadata);
      }
      user.updatedAt = this.deps.now();
      this.store.saveUser(user);
      return user;
    });
  }

  deleteUser(ref: Ref): void {
    this.store.transaction(() => {
      const user = this.getUser(ref);
      for (const membership of this.store.listMembershipsOfUser(user.id)) {
        this.removeMembership(
          this.getOrganization({ id: membership.organizationId }),
          membership,
          false,
        );
      }
      this.deps.sessions.endAllForUser(user.id);
      this.store.deleteUserRecord(user.id);
    });
  }

  listOrganizationUsers(organizationId: string, request: PageRequest): Page<OrganizationMember> {
    const org = this.getOrganization({ id: organizationId });
    return this.store.pageOrganizationMembers(org.id, request);
  }

  // --- memberships -----------------------------------------------------------------------------

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
      const org = this.getOrganization({ id: organizationId });
      const user = this.getUser(userRef);
      const current = this.store.getMembership(org.id, user.id);
      if (current === undefined) return this.startMembership(org, user, input, sendInvitationEmail);
      if (current.status === 'ACTIVE' || current.status === 'INACTIVE') {
        throw alreadyExists(
          `${user.email} is already a member of ${org.displayName} (${current.status})`,
        );
      }
      return this.changeMembership(org, user, current, input);
    });
  }

  updateMembership(
    organizationId: string,
    userRef: Ref,
    input: MembershipInput,
  ): UserAndMembership {
    return this.store.transaction(() => {
      const org = this.getOrganization({ id: organizationId });
      const user = this.getUser(userRef);
      return this.changeMembership(org, user, this.requireMembership(org, user), input);
    });
  }

  /**
   * Revokes the invitation or removes the member: outstanding links die, the user's sessions for
   * this organization end, and (cascade, the default) a user left without organizations is deleted.
   */
  deleteMembership(organizationId: string, userRef: Ref, cascade = true): void {
    this.store.transaction(() => {
      const org = this.getOrganization({ id: organizationId });
      const user = this.getUser(userRef);
      this.removeMembership(org, this.requireMembership(org, user), cascade);
    });
  }

  /** An expired invitation gets a fresh link and expiry; a live one is sent again; members are refused. */
  resendInvite(organizationId: string, userId: string): ResentInvite {
    return this.store.transaction(() => {
      const org = this.getOrganization({ id: organizationId });
      const user = this.getUser({ id: userId });
      const membership = this.requireMembership(org, user);
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

  // --- roles -----------------------------------------------------------------------------------

  listUserRoles(organizationId: string, userId: string): string[] {
    const org = this.getOrganization({ id: organizationId });
    return this.requireMembership(org, this.getUser({ id: userId })).roles;
  }

  /** Adds roles to the member's current ones (Scalekit's assign does not replace). */
  assignUserRoles(organizationId: string, userId: string, roles: string[]): string[] {
    if (roles.length === 0) throw invalidArgument('roles must name at least one role');
    return this.store.transaction(() => {
      const org = this.getOrganization({ id: organizationId });
      const user = this.getUser({ id: userId });
      const membership = this.requireMembership(org, user);
      const merged = unique([
        ...membership.roles,
        ...this.deps.roles.checkGrantable(org.id, roles),
      ]);
      return this.changeMembership(org, user, membership, { roles: merged }).membership.roles;
    });
  }

  removeUserRole(organizationId: string, userId: string, roleName: string): void {
    this.store.transaction(() => {
      const org = this.getOrganization({ id: organizationId });
      const user = this.getUser({ id: userId });
      const membership = this.requireMembership(org, user);
      if (!membership.roles.includes(roleName)) {
        throw notFound(`${user.email} does not have the role "${roleName}" in ${org.displayName}`);
      }
      membership.roles = membership.roles.filter((role) => role !== roleName);
      this.store.saveMembership(membership);
      this.emit('user.organization_membership_updated', org, user, membership);
    });
  }

  /** The union of the effective permissions of the member's roles. */
  listUserPermissions(organizationId: string, userId: string): Permission[] {
    return this.store.roles.permissionsOfRoles(
      organizationId,
      this.listUserRoles(organizationId, userId),
    );
  }

  // --- internals -------------------------------------------------------------------------------

  private startMembership(
    org: Organization,
    user: User,
    input: MembershipInput,
    sendInvitationEmail: boolean,
  ): UserAndMembership {
    const now = this.deps.now();
    const requested = input.roles ?? [];
    const defaults = this.deps.roles.defaultRolesFor(org.id);
    const roles =
      requested.length > 0
        ? unique(this.deps.roles.checkGrantable(org.id, requested))
        : [
            this.store.countMembershipsOfOrganization(org.id) === 0
              ? defaults.creator
              : defaults.member,
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
    };
    this.store.saveMembership(membership);
    // Adding someone without an invitation vouches for the address, as Scalekit does.
    if (!sendInvitationEmail) this.store.markEmailVerified(user.id);
    const current = this.getUser({ id: user.id });
    this.emit('user.organization_membership_created', org, current, membership);
    if (sendInvitationEmail) this.sendInvitation(org, current, membership);
    return { user: current, membership };
  }

  private changeMembership(
    org: Organization,
    user: User,
    membership: Membership,
    input: MembershipInput,
  ): UserAndMembership {
    if (input.roles !== undefined && input.roles.length > 0)
      membership.roles = unique(this.deps.roles.checkGrantable(org.id, input.roles));
    if (input.metadata !== undefined && Object.keys(input.metadata).length > 0) {
      membership.metadata = checkMetadata(input.metadata);
    }
    membership.inviterEmail =
      inviterEmailOf(input.inviterEmail, input.metadata ?? {}) ?? membership.inviterEmail;
    this.store.saveMembership(membership);
    this.emit('user.organization_membership_updated', org, user, membership);
    return { user, membership };
  }

  private removeMembership(org: Organization, membership: Membership, cascade: boolean): void {
    const user = this.getUser({ id: membership.userId });
    this.deps.invitations.revoke(org.id, user.id);
    this.deps.sessions.endForMembership(user.id, org.id);
    this.store.deleteMembershipRecord(org.id, user.id);
    this.emit('user.organization_membership_deleted', org, user, membership);
    if (cascade && this.store.listMembershipsOfUser(user.id).length === 0) {
      this.deps.sessions.endAllForUser(user.id);
      this.store.deleteUserRecord(user.id);
    }
  }

  private sendInvitation(org: Organization, user: User, membership: Membership): void {
    this.deps.invitations.send({
      organization: org,
      user,
      membership,
      inviterEmail: membership.inviterEmail,
    });
    this.emit('user.organization_invitation', org, user, membership);
  }

  private emit(
    type: WebhookEventType,
    org: Organization,
    user: User,
    membership: Membership,
  ): void {
    // Same payload shape as the auth surface's membership events, so consumers parse one format.
    this.deps.events.emit(type, org.id, 'OrgMembership', {
      organization: { id: org.id, display_name: org.displayName, external_id: org.externalId },
      user: userEventData(user),
      membership: membershipEventData(membership),
    });
  }

  private requireMembership(org: Organization, user: User): Membership {
    const membership = this.store.getMembership(org.id, user.id);
    if (membership === undefined)
      throw notFound(`${user.email} is not a member of ${org.displayName}`);
    return membership;
  }

  private inviteExpiry(now: Date): Date {
    return new Date(now.getTime() + this.deps.settings.inviteTtlSeconds * 1000);
  }

  private fillMissingProfile(user: User, profile: ProfileInput | undefined): void {
    if (profile === undefined || user.profile.name !== '') return;
    user.profile = patchProfile(user.profile, profile);
    user.updatedAt = this.deps.now();
    this.store.saveUser(user);
  }

  private assertOrganizationExternalIdFree(externalId: string): void {
    if (this.store.findOrganizationByExternalId(externalId) !== undefined) {
      throw alreadyExists(`an organization with external id "${externalId}" already exists`);
    }
  }

  private assertUserExternalIdFree(externalId: string): void {
    if (this.store.findUserByExternalId(externalId) !== undefined) {
      throw alreadyExists(`a user with external id "${externalId}" already exists`);
    }
  }
}

function buildProfile(input: ProfileInput): UserProfile {
  const givenName = optionalText(input.givenName, 'given_name') ?? '';
  const familyName = optionalText(input.familyName, 'family_name') ?? '';
  return {
    givenName,
    familyName,
    name: optionalText(input.name, 'name') || joinName(givenName, familyName),
    locale: input.locale ?? '',
    phoneNumber: input.phoneNumber ?? '',
    emailVerified: false,
    metadata: checkMetadata(input.metadata ?? {}, 'user_profile.metadata'),
    customAttributes: { ...(input.customAttributes ?? {}) },
  };
}

/** Fields present in the patch replace the stored ones; the full name follows the parts unless given. */
function patchProfile(current: UserProfile, patch: ProfileInput): UserProfile {
  const givenName = optionalText(patch.givenName, 'given_name') ?? current.givenName;
  const familyName = optionalText(patch.familyName, 'family_name') ?? current.familyName;
  const namesChanged = givenName !== current.givenName || familyName !== current.familyName;
  const derivedBefore = current.name === joinName(current.givenName, current.familyName);
  return {
    ...current,
    givenName,
    familyName,
    name:
      optionalText(patch.name, 'name') ??
      (namesChanged && derivedBefore ? joinName(givenName, familyName) : current.name),
    locale: patch.locale ?? current.locale,
    phoneNumber: patch.phoneNumber ?? current.phoneNumber,
    metadata:
      patch.metadata !== undefined && Object.keys(patch.metadata).length > 0
        ? checkMetadata(patch.metadata, 'user_profile.metadata')
        : current.metadata,
    customAttributes:
      patch.customAttributes !== undefined && Object.keys(patch.customAttributes).length > 0
        ? { ...patch.customAttributes }
        : current.customAttributes,
  };
}

function inviterEmailOf(
  explicit: string | undefined,
  metadata: Record<string, string>,
): string | undefined {
  const candidate = emptyToUndefined(explicit) ?? metadata[INVITER_EMAIL_KEY];
  return candidate === undefined ? undefined : normalizeEmail(candidate, 'inviter_email');
}

function joinName(givenName: string, familyName: string): string {
  return [givenName, familyName].filter((part) => part !== '').join(' ');
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function describeRef(ref: Ref): string {
  return 'id' in ref ? ref.id : `with external id "${ref.externalId}"`;
}
