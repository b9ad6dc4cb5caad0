// Row shapes of the directory tables and their conversion to and from the domain model.
import type {
  Membership,
  MembershipStatus,
  Organization,
  ProvisioningMethod,
  RegionCode,
  User,
} from '../domain.js';

export interface OrganizationRow {
  seq: number;
  id: string;
  display_name: string;
  external_id: string | null;
  metadata: string;
  created_at: number;
  updated_at: number;
  slug: string | null;
  logo_url: string | null;
  region_code: string;
}

export interface UserRow {
  seq: number;
  id: string;
  email: string;
  external_id: string | null;
  given_name: string;
  family_name: string;
  name: string;
  locale: string;
  phone_number: string;
  email_verified: number;
  profile_metadata: string;
  custom_attributes: string;
  metadata: string;
  created_at: number;
  updated_at: number;
  last_login_at: number | null;
  preferred_username: string;
  picture: string;
  gender: string;
  groups: string;
}

export interface MembershipRow {
  seq: number;
  organization_id: string;
  user_id: string;
  status: string;
  roles: string;
  metadata: string;
  inviter_email: string | null;
  display_name: string | null;
  created_at: number;
  accepted_at: number | null;
  expires_at: number | null;
  resend_count: number;
  resent_at: number | null;
  provisioning_method: string | null;
}

const PROVISIONING_METHODS: readonly ProvisioningMethod[] = [
  'jit_using_sso',
  'allowed_email_domain',
  'org_creator',
  'direct_provision',
  'invitation',
];

const STATUSES: readonly MembershipStatus[] = [
  'ACTIVE',
  'INACTIVE',
  'PENDING_INVITE',
  'INVITE_EXPIRED',
];

export function toOrganization(row: OrganizationRow): Organization {
  return {
    id: row.id,
    displayName: row.display_name,
    externalId: row.external_id,
    metadata: parseStringMap(row.metadata),
    slug: row.slug,
    logoUrl: row.logo_url,
    regionCode: row.region_code === 'EU' ? 'EU' : 'US',
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

export function organizationToRow(org: Organization): Omit<OrganizationRow, 'seq'> {
  return {
    id: org.id,
    display_name: org.displayName,
    external_id: org.externalId,
    metadata: JSON.stringify(org.metadata),
    slug: org.slug,
    logo_url: org.logoUrl,
    region_code: org.regionCode satisfies RegionCode,
    created_at: org.createdAt.getTime(),
    updated_at: org.updatedAt.getTime(),
  };
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    externalId: row.external_id,
    profile: {
      givenName: row.given_name,
      familyName: row.family_name,
      name: row.name,
      locale: row.locale,
      phoneNumber: row.phone_number,
      emailVerified: row.email_verified === 1,
      metadata: parseStringMap(row.profile_metadata),
      customAttributes: parseStringMap(row.custom_attributes),
      preferredUsername: row.preferred_username,
      picture: row.picture,
      gender: row.gender,
      groups: parseStringList(row.groups),
    },
    metadata: parseStringMap(row.metadata),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    lastLoginAt: row.last_login_at === null ? null : new Date(row.last_login_at),
  };
}

/** A pending invitation past its expiry reads as INVITE_EXPIRED, whether or not anyone stored that yet. */
export function toMembership(row: MembershipRow, now: Date): Membership {
  const stored = STATUSES.find((status) => status === row.status) ?? 'INACTIVE';
  const expired =
    stored === 'PENDING_INVITE' && row.expires_at !== null && row.expires_at <= now.getTime();
  return {
    organizationId: row.organization_id,
    userId: row.user_id,
    status: expired ? 'INVITE_EXPIRED' : stored,
    roles: parseStringList(row.roles),
    metadata: parseStringMap(row.metadata),
    inviterEmail: row.inviter_email,
    displayName: row.display_name,
    createdAt: new Date(row.created_at),
    acceptedAt: row.accepted_at === null ? null : new Date(row.accepted_at),
    expiresAt: row.expires_at === null ? null : new Date(row.expires_at),
    resendCount: row.resend_count,
    provisioningMethod: PROVISIONING_METHODS.find((method) => method === row.provisioning_method),
  };
}

export function userToRow(user: User, seq = 0): UserRow {
  return {
    seq,
    id: user.id,
    email: user.email,
    external_id: user.externalId,
    given_name: user.profile.givenName,
    family_name: user.profile.familyName,
    name: user.profile.name,
    locale: user.profile.locale,
    phone_number: user.profile.phoneNumber,
    email_verified: user.profile.emailVerified ? 1 : 0,
    profile_metadata: JSON.stringify(user.profile.metadata),
    custom_attributes: JSON.stringify(user.profile.customAttributes),
    metadata: JSON.stringify(user.metadata),
    created_at: user.createdAt.getTime(),
    updated_at: user.updatedAt.getTime(),
    last_login_at: user.lastLoginAt?.getTime() ?? null,
    preferred_username: user.profile.preferredUsername,
    picture: user.profile.picture,
    gender: user.profile.gender,
    groups: JSON.stringify(user.profile.groups),
  };
}

export function membershipToRow(
  membership: Membership,
  resentAt: Date | null,
  seq = 0,
): MembershipRow {
  return {
    seq,
    organization_id: membership.organizationId,
    user_id: membership.userId,
    status: membership.status,
    roles: JSON.stringify(membership.roles),
    metadata: JSON.stringify(membership.metadata),
    inviter_email: membership.inviterEmail,
    display_name: membership.displayName,
    created_at: membership.createdAt.getTime(),
    accepted_at: membership.acceptedAt?.getTime() ?? null,
    expires_at: membership.expiresAt?.getTime() ?? null,
    resend_count: membership.resendCount,
    resent_at: resentAt?.getTime() ?? null,
    provisioning_method: membership.provisioningMethod ?? null,
  };
}

function parseStringMap(text: string): Record<string, string> {
  const parsed: unknown = JSON.parse(text);
  const map: Record<string, string> = {};
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value === 'string') map[key] = value;
    }
  }
  return map;
}

function parseStringList(text: string): string[] {
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed)
    ? parsed.filter((item): item is string => typeof item === 'string')
    : [];
}
