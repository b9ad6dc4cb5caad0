// "Join" from the hosted organization picker: a person whose email is on an organization's
// allowed email domain becomes an ACTIVE member with the default member role, provisioned by
// `allowed_email_domain`, announced like any new membership. A person without an account signs
// up the same way, once the PRE_SIGNUP interceptor allows it.
import type {
  Events,
  Membership,
  Organization,
  OrganizationJoin,
  ProvisioningMethod,
  Seed,
  SignUpOutcome,
  SignUpRequest,
  User,
} from '../domain.js';
import type { InterceptorHooks } from '../interceptors/hooks.js';
import { membershipEventData, userEventData } from '../auth/event-data.js';
import type { Domains } from './domains.js';
import { DirectoryError, failedPrecondition } from './errors.js';
import { newId } from './ids.js';
import type { DirectoryStore } from './store.js';

export class DomainJoin implements OrganizationJoin {
  constructor(
    private readonly deps: {
      store: DirectoryStore;
      domains: Domains;
      events: Events;
      seed: Seed;
      hooks: InterceptorHooks;
      now: () => Date;
    },
  ) {}

  openTo(email: string, organizationId: string | null): Organization[] {
    return this.deps.domains
      .organizationsAllowing(email)
      .filter((org) => organizationId === null || org.id === organizationId);
  }

  async signUp(email: string, request: SignUpRequest): Promise<SignUpOutcome> {
    if (this.openTo(email, request.organizationId).length === 0) {
      return { kind: 'refused', message: `No organization accepts sign-ups from ${email}.` };
    }
    const decision = await this.deps.hooks.call(
      'PRE_SIGNUP',
      {
        user_email: email,
        ip_address: request.ip,
        user_agent: request.userAgent,
        auth_request: {
          organization_id: request.organizationId ?? '',
          login_hint: request.loginHint ?? '',
          state: request.state ?? '',
        },
      },
      {},
    );
    if (!decision.allowed) return { kind: 'refused', message: decision.message };
    try {
      return this.createAccount(email, decision.response);
    } catch (error) {
      // The organization the hook named is full: nothing was created (one transaction).
      if (error instanceof DirectoryError) return { kind: 'refused', message: error.message };
      throw error;
    }
  }

  private createAccount(email: string, response: Record<string, unknown>): SignUpOutcome {
    const { store } = this.deps;
    return store.transaction((): SignUpOutcome => {
      // Someone may have invited the address while the hook was thinking.
      const user = store.findUserByEmail(email) ?? this.createUser(email);
      const named = this.organizationNamedBy(response);
      const joined =
        named !== undefined && store.getMembership(named.org.id, user.id) === undefined
          ? this.addMember(user, named.org, named.roles, 'direct_provision')
          : null;
      return { kind: 'created', user: store.getUser(user.id) ?? user, joined };
    });
  }

  suggestions(user: User, organizationId: string | null): Organization[] {
    return this.deps.domains
      .organizationsAllowing(user.email)
      .filter((org) => organizationId === null || org.id === organizationId)
      .filter((org) => this.deps.store.getMembership(org.id, user.id) === undefined);
  }

  join(user: User, organizationId: string): Membership {
    return this.deps.store.transaction(() => {
      const org = this.suggestions(user, organizationId)[0];
      if (org === undefined) {
        throw failedPrecondition(`${user.email} cannot join organization ${organizationId}`);
      }
      return this.addMember(user, org, [], 'allowed_email_domain');
    });
  }

  /**
   * An ACTIVE membership (default member role unless roles are given), announced. The seat limit
   * is checked first: past it, nothing is written.
   */
  private addMember(
    user: User,
    org: Organization,
    roles: string[],
    provisioning: ProvisioningMethod,
  ): Membership {
    const { store, events } = this.deps;
    store.assertSeatAvailable(org.id);
    const firstActive = !store.listMembershipsOfUser(user.id).some((m) => m.status === 'ACTIVE');
    const now = this.deps.now();
    const known = roles.filter((role) => store.roles.resolveRole(org.id, role) !== undefined);
    const membership: Membership = {
      organizationId: org.id,
      userId: user.id,
      status: 'ACTIVE',
      roles: known.length > 0 ? known : [this.defaultMemberRole(org.id)],
      metadata: {},
      inviterEmail: null,
      displayName: null,
      createdAt: now,
      acceptedAt: now,
      expiresAt: null,
      resendCount: 0,
      provisioningMethod: provisioning,
    };
    store.saveMembership(membership);
    // The person proved the address by signing in with it.
    store.markEmailVerified(user.id);
    const current = store.getUser(user.id) ?? user;
    events.emit('user.organization_membership_created', org.id, 'OrgMembership', {
      organization: { id: org.id, display_name: org.displayName, external_id: org.externalId },
      user: userEventData(current),
      membership: { ...membershipEventData(membership), provisioning_method: provisioning },
    });
    // The first organization a person ever enters is their sign-up, as with invitations.
    if (firstActive) events.emit('user.signup', org.id, 'User', { user: userEventData(current) });
    return membership;
  }

  /** `create_organization_membership` of a PRE_SIGNUP answer: the organization to join. */
  private organizationNamedBy(
    response: Record<string, unknown>,
  ): { org: Organization; roles: string[] } | undefined {
    const named = response.create_organization_membership;
    if (typeof named !== 'object' || named === null) return undefined;
    const {
      organization_id: id,
      external_organization_id: externalId,
      roles,
    } = named as {
      organization_id?: unknown;
      external_organization_id?: unknown;
      roles?: unknown;
    };
    const org =
      typeof id === 'string' && id !== ''
        ? this.deps.store.getOrganization(id)
        : typeof externalId === 'string' && externalId !== ''
          ? this.deps.store.findOrganizationByExternalId(externalId)
          : undefined;
    if (org === undefined) return undefined;
    const names = Array.isArray(roles)
      ? roles.filter((role): role is string => typeof role === 'string')
      : [];
    return { org, roles: names };
  }

  private createUser(email: string): User {
    const now = this.deps.now();
    const user: User = {
      id: newId('usr'),
      email,
      externalId: null,
      profile: {
        givenName: '',
        familyName: '',
        name: '',
        locale: '',
        phoneNumber: '',
        emailVerified: true,
        metadata: {},
        customAttributes: {},
        preferredUsername: '',
        picture: '',
        gender: '',
        groups: [],
      },
      metadata: {},
      createdAt: now,
      updatedAt: now,
      lastLoginAt: null,
    };
    this.deps.store.saveUser(user);
    return user;
  }

  /** The organization's default member role, else the environment's, as for invitations. */
  private defaultMemberRole(organizationId: string): string {
    const roles = this.deps.store.roles;
    return (
      roles.organizationDefaultMember(organizationId) ??
      roles.environmentDefaults().member ??
      this.deps.seed.defaultRole
    );
  }
}
