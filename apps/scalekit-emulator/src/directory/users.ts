// Users: one per email across the environment, with their profile; creating a user also starts
// its first membership, and deleting one removes every membership.
import type { User, UserProfile } from '../domain.js';
import { alreadyExists } from './errors.js';
import { newId } from './ids.js';
import { requireOrganization, requireUser, type Ref } from './lookups.js';
import type { ManagementDeps } from './management.js';
import type { MembershipInput, Memberships, UserAndMembership } from './memberships.js';
import type { Page, PageRequest } from './paging.js';
import type { DirectoryStore, OrganizationMember } from './store.js';
import {
  checkExternalId,
  checkMetadata,
  emptyToUndefined,
  normalizeEmail,
  optionalText,
} from './validation.js';

export interface ProfileInput {
  givenName?: string;
  familyName?: string;
  name?: string;
  locale?: string;
  phoneNumber?: string;
  metadata?: Record<string, string>;
  customAttributes?: Record<string, string>;
  preferredUsername?: string;
  picture?: string;
  gender?: string;
  groups?: string[]; // empty or absent: unchanged on update
}

export interface CreateUserInput {
  email: string;
  externalId?: string;
  profile?: ProfileInput;
  metadata?: Record<string, string>;
}

export class Users {
  constructor(
    private readonly deps: Pick<ManagementDeps, 'store' | 'sessions' | 'now'>,
    private readonly memberships: Memberships,
  ) {}

  private get store(): DirectoryStore {
    return this.deps.store;
  }

  createUserAndMembership(
    organizationId: string,
    input: CreateUserInput,
    membershipInput: MembershipInput,
    sendInvitationEmail: boolean,
  ): UserAndMembership {
    const email = normalizeEmail(input.email);
    return this.store.transaction(() => {
      const org = requireOrganization(this.store, { id: organizationId });
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
        return this.memberships.start(org, existing, membershipInput, sendInvitationEmail);
      }
      const externalId = checkExternalId(emptyToUndefined(input.externalId));
      if (externalId !== undefined) this.assertExternalIdFree(externalId);
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
      return this.memberships.start(org, user, membershipInput, sendInvitationEmail);
    });
  }

  getUser(ref: Ref): User {
    return requireUser(this.store, ref);
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
        const externalId = checkExternalId(emptyToUndefined(patch.externalId));
        if (externalId !== undefined && externalId !== user.externalId)
          this.assertExternalIdFree(externalId);
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
        this.memberships.remove(
          requireOrganization(this.store, { id: membership.organizationId }),
          membership,
          false,
        );
      }
      this.deps.sessions.endAllForUser(user.id);
      this.store.deleteUserRecord(user.id);
    });
  }

  listOrganizationUsers(organizationId: string, request: PageRequest): Page<OrganizationMember> {
    const org = requireOrganization(this.store, { id: organizationId });
    return this.store.pageOrganizationMembers(org.id, request);
  }

  private fillMissingProfile(user: User, profile: ProfileInput | undefined): void {
    if (profile === undefined || user.profile.name !== '') return;
    user.profile = patchProfile(user.profile, profile);
    user.updatedAt = this.deps.now();
    this.store.saveUser(user);
  }

  private assertExternalIdFree(externalId: string): void {
    if (this.store.findUserByExternalId(externalId) !== undefined) {
      throw alreadyExists(`a user with external id "${externalId}" already exists`);
    }
  }
}

/** A new user's profile; the full name is made of the parts unless given. */
export function buildProfile(input: ProfileInput): UserProfile {
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
    preferredUsername: optionalText(input.preferredUsername, 'preferred_username') ?? '',
    picture: optionalText(input.picture, 'picture', 2048) ?? '',
    gender: optionalText(input.gender, 'gender') ?? '',
    groups: checkGroups(input.groups ?? []),
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
    preferredUsername:
      optionalText(patch.preferredUsername, 'preferred_username') ?? current.preferredUsername,
    picture: optionalText(patch.picture, 'picture', 2048) ?? current.picture,
    gender: optionalText(patch.gender, 'gender') ?? current.gender,
    groups:
      patch.groups !== undefined && patch.groups.length > 0
        ? checkGroups(patch.groups)
        : current.groups,
  };
}

function checkGroups(groups: string[]): string[] {
  for (const group of groups) optionalText(group, 'user_profile.groups');
  return [...groups];
}

function joinName(givenName: string, familyName: string): string {
  return [givenName, familyName].filter((part) => part !== '').join(' ');
}
