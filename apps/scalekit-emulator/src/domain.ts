// The emulator's domain model and the seams between its two halves: the directory and
// management API (organizations, users, memberships, roles over gRPC) and the auth surface
// (OIDC endpoints, hosted sign-in pages, invitation links, outbound email and webhooks).
import type Database from 'better-sqlite3';

export type MembershipStatus = 'ACTIVE' | 'INACTIVE' | 'PENDING_INVITE' | 'INVITE_EXPIRED';

export type RegionCode = 'US' | 'EU';

export interface Organization {
  id: string; // org_...
  displayName: string;
  externalId: string | null;
  metadata: Record<string, string>;
  slug: string | null; // lowercase DNS label(s), unique per environment
  logoUrl: string | null; // https only
  regionCode: RegionCode;
  createdAt: Date;
  updatedAt: Date;
}

export interface UserProfile {
  givenName: string;
  familyName: string;
  name: string;
  locale: string;
  phoneNumber: string;
  emailVerified: boolean;
  metadata: Record<string, string>;
  customAttributes: Record<string, string>;
  preferredUsername: string;
  picture: string;
  gender: string;
  groups: string[];
}

export interface User {
  id: string; // usr_...
  email: string; // stored lower-cased
  externalId: string | null;
  profile: UserProfile;
  metadata: Record<string, string>;
  createdAt: Date;
  updatedAt: Date;
  lastLoginAt: Date | null;
}

export interface Membership {
  organizationId: string;
  userId: string;
  status: MembershipStatus;
  roles: string[]; // role names
  metadata: Record<string, string>;
  inviterEmail: string | null;
  displayName: string | null;
  createdAt: Date;
  acceptedAt: Date | null;
  expiresAt: Date | null; // invitation expiry while PENDING_INVITE / INVITE_EXPIRED
  resendCount: number;
  /** How the membership came to be; absent on memberships stored before it was recorded. */
  provisioningMethod?: ProvisioningMethod;
}

/** Scalekit's `OrganizationMembership.provisioning_method` values. */
export type ProvisioningMethod =
  'jit_using_sso' | 'allowed_email_domain' | 'org_creator' | 'direct_provision' | 'invitation';

export interface RoleDefinition {
  name: string;
  displayName: string;
  description: string;
  permissions: string[]; // resource:action
  extends?: string; // base role name
}

export interface PermissionDefinition {
  name: string;
  description: string;
}

/** A registered OAuth client (one per application). */
export interface ClientRegistration {
  id: string; // skc_...
  secret: string;
  name: string;
  redirectUris: string[]; // matched byte-for-byte
  initiateLoginUrl: string | null;
  postLogoutRedirectUris: string[];
}

/** The seed file, validated (see src/seed.ts for the zod schema and defaults). */
export interface Seed {
  environment: { id: string; name: string };
  clients: ClientRegistration[];
  webhook: { url: string; secret: string } | null; // secret is "whsec_<base64>"
  roles: RoleDefinition[];
  permissions: PermissionDefinition[]; // also created: any permission a role names
  defaultRole: string; // role given to later members ("member")
  firstMemberRole: string; // role given to the first member of an organization ("admin")
  organizations: {
    id: string;
    displayName: string;
    externalId?: string;
    /** Domains written with the organization (allowed email domains, organization domains). */
    domains?: { domain: string; type: DomainType; dnsVerification?: SeedDnsVerification }[];
    roles: RoleDefinition[]; // the organization's own roles
    defaultMemberRole?: string;
    maxAllowedUsers?: number;
    users: {
      id?: string;
      email: string;
      givenName?: string;
      familyName?: string;
      roles?: string[];
      status?: MembershipStatus;
    }[];
  }[];
  /** Environment rules on invitation addresses ("block public / disposable email domains"). */
  emailDomainRules?: EmailDomainRules;
  /** Synchronous policy hooks, per trigger point (dashboard-only in Scalekit). */
  interceptors?: Partial<Record<InterceptorTrigger, InterceptorConfig>>;
  /** How the hosted pages look (Scalekit's "customize login page"); absent, a plain default. */
  branding?: Branding;
}

/** The environment's branding on hosted pages; colours are "#rrggbb" (checked by the seed). */
export interface Branding {
  name: string;
  /** An image URL (http/https) or an inline SVG document; shown as an <img>. */
  logoUrl?: string;
  logoSvg?: string;
  primaryColor: string;
  /** The primary colour under a dark system theme; absent, primaryColor. */
  primaryColorDark?: string;
}

export interface EmailDomainRules {
  blockPublicDomains: boolean;
  blockDisposableDomains: boolean;
}

export type InterceptorTrigger = 'PRE_SIGNUP' | 'PRE_USER_INVITATION' | 'PRE_SESSION_CREATION';

export interface InterceptorConfig {
  url: string;
  secret: string; // "whsec_<base64>", the same scheme as webhooks
  timeoutMs: number;
  /** What a hook that is down, slow or answers garbage means: open = allow, closed = deny. */
  failPolicy: 'open' | 'closed';
  enabled: boolean;
}

export type DomainType = 'ALLOWED_EMAIL_DOMAIN' | 'ORGANIZATION_DOMAIN';

/**
 * A seed organization domain added the way the admin portal adds one: `PENDING` until DNS
 * verification. "published": the emulator treats its TXT record as published (VerifyDomain
 * succeeds); "pending": it does not (VerifyDomain answers false).
 */
export type SeedDnsVerification = 'pending' | 'published';

export interface OrganizationDomain {
  id: string; // dom_...
  organizationId: string;
  domain: string; // lower-cased
  type: DomainType;
  verificationStatus: 'PENDING' | 'VERIFIED' | 'AUTO_VERIFIED';
  verificationMethod: 'ADMIN' | 'DNS' | 'NOT_APPLICABLE';
  txtRecordKey: string;
  txtRecordSecret: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface EmulatorSettings {
  /** Public origin of the emulator, e.g. http://localhost:8787 (the issuer). */
  issuer: string;
  smtpUrl: string | null; // null: emails stay in the outbox (still recorded)
  mailFrom: string;
  accessTokenTtlSeconds: number; // default 300
  idTokenTtlSeconds: number; // default 3600
  refreshTokenTtlSeconds: number; // default 30 days
  authCodeTtlSeconds: number; // default 60
  otpTtlSeconds: number; // default 300
  inviteTtlSeconds: number; // default 15 days
  sessionTtlSeconds: number; // emulator's own sign-in session, default 1 day
  deliveryRetryBaseMs: number; // outbox / webhook backoff base, default 1000
}

/** The directory: owner of organizations, users, memberships and roles. */
export interface Directory {
  getOrganization(id: string): Organization | undefined;
  getUser(id: string): User | undefined;
  findUserByEmail(email: string): User | undefined;
  getMembership(organizationId: string, userId: string): Membership | undefined;
  listMembershipsOfUser(userId: string): Membership[];
  /** PENDING_INVITE or INVITE_EXPIRED -> ACTIVE, acceptedAt = now, email verified. */
  activateMembership(organizationId: string, userId: string, now: Date): Membership;
  markInviteExpired(organizationId: string, userId: string): void;
  markEmailVerified(userId: string): void;
  recordLogin(userId: string, now: Date): void;
  /** The union of the effective permissions (inherited ones included) of roles held in one organization. */
  permissionsForRoles(organizationId: string, roles: string[]): string[];
  /**
   * Refuses with FailedPrecondition ("organization user limit reached (n/max)") when one more
   * ACTIVE or PENDING_INVITE membership would pass the organization's seat limit.
   */
  assertSeatAvailable(organizationId: string): void;
  /** The organization's own session limits while a CUSTOM policy is in force, else null. */
  organizationSessionLimits(organizationId: string): SessionLimits | null;
}

/** Session lifetimes in seconds; idle null means no idle timeout. */
export interface SessionLimits {
  absoluteSeconds: number;
  idleSeconds: number | null;
}

/** Invitation links and emails (auth surface). */
export interface Invitations {
  /** Issues a fresh signed single-use link (invalidating older ones) and queues the email. */
  send(input: {
    organization: Organization;
    user: User;
    membership: Membership;
    inviterEmail: string | null;
  }): void;
  /** Invalidates every outstanding link for this membership. */
  revoke(organizationId: string, userId: string): void;
}

/** The emulator's own sign-in sessions and the tokens minted from them (auth surface). */
export interface Sessions {
  /** Ends the user's sessions for one organization (and revokes their refresh tokens). */
  endForMembership(userId: string, organizationId: string): void;
  endAllForUser(userId: string): void;
}

/** Joining an organization through one of its allowed email domains (hosted organization picker). */
export interface OrganizationJoin {
  /** Organizations the user may join: an allowed domain matches their email, no membership yet. */
  suggestions(user: User, organizationId: string | null): Organization[];
  /** An ACTIVE membership with the default member role; refused when the join is not allowed. */
  join(user: User, organizationId: string): Membership;
  /** Organizations a person without an account may join, going by their address. */
  openTo(email: string, organizationId: string | null): Organization[];
  /**
   * Creates the account of a person signing up through an allowed domain once the PRE_SIGNUP
   * interceptor allows it (the hook may name an organization to join right away).
   */
  signUp(email: string, request: SignUpRequest): Promise<SignUpOutcome>;
}

export interface SignUpRequest {
  organizationId: string | null;
  loginHint: string | null;
  state: string | null;
  userAgent: string;
  ip: string;
}

export type SignUpOutcome =
  { kind: 'created'; user: User; joined: Membership | null } | { kind: 'refused'; message: string };

export type WebhookEventType =
  | 'user.organization_invitation'
  | 'user.organization_membership_created'
  | 'user.organization_membership_updated'
  | 'user.organization_membership_deleted'
  | 'organization.created'
  | 'organization.updated'
  | 'organization.deleted'
  | 'user.signup'
  | 'user.login'
  | 'user.logout'
  | 'organization.domain_created'
  | 'organization.domain_deleted'
  | 'organization.domain_dns_verification_success'
  | 'role.created'
  | 'role.updated'
  | 'role.deleted'
  | 'permission.created'
  | 'permission.updated'
  | 'permission.deleted';

/** Outbound Standard Webhooks (auth surface implements; both halves emit). */
export interface Events {
  emit(
    type: WebhookEventType,
    organizationId: string | null,
    object: string,
    data: Record<string, unknown>,
  ): void;
}

/** Everything both halves share; built once by src/emulator.ts. */
export interface EmulatorContext {
  db: Database.Database;
  settings: EmulatorSettings;
  seed: Seed;
  directory: Directory;
  now: () => Date;
}
