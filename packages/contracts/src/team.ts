// Team management: members, roles, live events. Invitations (single and from CSV) are in
// team-invitations.ts.
import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema, RoleNameSchema } from './common.js';

export const MemberStatusSchema = z.enum(['active', 'pending', 'expired', 'inactive']);
export type MemberStatus = z.infer<typeof MemberStatusSchema>;

/** Longest external id Scalekit keeps (unique per environment). */
export const EXTERNAL_ID_MAX = 255;

/** The id another system (a CRM, an HR system) knows the person by: `crm-user-87425`. */
export const ExternalIdSchema = z
  .string()
  .trim()
  .min(1, 'Enter an external id')
  .max(EXTERNAL_ID_MAX, `An external id has at most ${EXTERNAL_ID_MAX} characters`)
  .regex(/^[^\p{Cc}]*$/u, 'Control characters are not allowed');

/** Scalekit's limits on membership metadata: keys of 3 to 25 characters, values of 1 to 256. */
export const METADATA_KEY_MIN = 3;
export const METADATA_KEY_MAX = 25;
export const METADATA_VALUE_MAX = 256;
export const METADATA_PAIRS_MAX = 16;
/** Kept by the app itself on the membership (who invited): not for callers. */
export const RESERVED_METADATA_KEYS: readonly string[] = ['invited_by'];

const SAFE_METADATA_KEY = /^[A-Za-z0-9_.-]+$/;

/**
 * How a message names a key: quoted when it is short and plain, else by its position, so an
 * error never echoes arbitrary input back.
 */
function keyName(key: string, position: number): string {
  return key.length <= METADATA_KEY_MAX && SAFE_METADATA_KEY.test(key)
    ? `"${key}"`
    : `number ${position}`;
}

/** Every reason `metadata` would be refused, one readable sentence each (none: it is fine). */
export function metadataProblems(metadata: Record<string, string>): string[] {
  const problems: string[] = [];
  const keys = Object.keys(metadata);
  if (keys.length > METADATA_PAIRS_MAX) {
    problems.push(`At most ${METADATA_PAIRS_MAX} metadata keys (${keys.length} given)`);
  }
  keys.forEach((key, index) => {
    const name = keyName(key, index + 1);
    const value = metadata[key] ?? '';
    if (key.length < METADATA_KEY_MIN || key.length > METADATA_KEY_MAX) {
      problems.push(
        `Metadata key ${name} must have ${METADATA_KEY_MIN} to ${METADATA_KEY_MAX} characters`,
      );
    } else if (!SAFE_METADATA_KEY.test(key)) {
      problems.push(`Metadata key ${name} may hold only letters, digits, _ . and -`);
    } else if (RESERVED_METADATA_KEYS.includes(key)) {
      problems.push(`Metadata key ${name} is reserved`);
    }
    if (value.length < 1 || value.length > METADATA_VALUE_MAX) {
      problems.push(`Metadata value of ${name} must have 1 to ${METADATA_VALUE_MAX} characters`);
    }
  });
  return problems;
}

/** Membership metadata a caller may set, checked against Scalekit's limits up front. */
export const MemberMetadataSchema = z.record(z.string(), z.string()).superRefine((value, ctx) => {
  for (const message of metadataProblems(value)) ctx.addIssue({ code: 'custom', message });
});

export const MemberSchema = z.object({
  userId: IdSchema,
  email: z.string(),
  name: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  roles: z.array(z.string()),
  status: MemberStatusSchema,
  emailVerified: z.boolean(),
  /** Email of the admin who sent the invitation, when known. */
  invitedBy: z.string().nullable(),
  invitedAt: IsoDateTimeSchema.nullable(),
  acceptedAt: IsoDateTimeSchema.nullable(),
  /** Invitation expiry, for pending and expired members. */
  expiresAt: IsoDateTimeSchema.nullable(),
  /** The id another system knows the person by, when one was given. */
  externalId: z.string().nullable().default(null),
  /** The membership's metadata (without the app's own keys). */
  metadata: z.record(z.string(), z.string()).default({}),
});
export type Member = z.infer<typeof MemberSchema>;

export const MEMBERS_PAGE_SIZE_MAX = 100;

/** Columns the member list sorts by (served by the BFF's member index). */
export const MemberSortSchema = z.enum(['name', 'status', 'role', 'invited', 'joined']);
export type MemberSort = z.infer<typeof MemberSortSchema>;

/** Shortest and longest search text: Scalekit's search API takes 3 to 100 characters. */
export const MEMBER_SEARCH_MIN = 3;
export const MEMBER_SEARCH_MAX = 100;

export const ListMembersQuerySchema = z.object({
  status: MemberStatusSchema.optional(),
  /**
   * Case-insensitive start of a word of the name, email or external id ("love" finds Ada
   * Lovelace, "ada@" her address, "87425" `crm-user-87425`), from the BFF's member index, in
   * match order (sort and order do not apply). While the index is being built: a substring of the
   * email, user id or external id, Scalekit's organization search, in its order. Empty means no search; otherwise 3 to 100 characters.
   */
  search: z
    .string()
    .trim()
    .refine(
      (text) =>
        text === '' || (text.length >= MEMBER_SEARCH_MIN && text.length <= MEMBER_SEARCH_MAX),
      `Search for ${MEMBER_SEARCH_MIN} to ${MEMBER_SEARCH_MAX} characters`,
    )
    .optional(),
  /** A direct lookup: the member with this external id, or none (other filters are ignored). */
  externalId: ExternalIdSchema.optional(),
  sort: MemberSortSchema.default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  pageSize: z.coerce.number().int().min(1).max(MEMBERS_PAGE_SIZE_MAX).default(25),
  /** Opaque; only valid with the status, search, sort and order it was issued for. */
  pageToken: z.string().max(512).optional(),
});
export type ListMembersQuery = z.infer<typeof ListMembersQuerySchema>;

/** Members of the organization per status, and all of them. */
export const MemberCountsSchema = z.object({
  active: z.number().int().nonnegative(),
  pending: z.number().int().nonnegative(),
  expired: z.number().int().nonnegative(),
  inactive: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type MemberCounts = z.infer<typeof MemberCountsSchema>;

export const ListMembersResponseSchema = z.object({
  members: z.array(MemberSchema),
  nextPageToken: z.string().nullable(),
  /**
   * Counts of the whole organization (not of this page or search). Absent while the BFF is
   * still indexing the organization; the list is then in Scalekit's order, unsorted.
   */
  counts: MemberCountsSchema.optional(),
});
export type ListMembersResponse = z.infer<typeof ListMembersResponseSchema>;

export const RoleSchema = z.object({
  name: z.string(),
  displayName: z.string(),
  description: z.string(),
});
export type Role = z.infer<typeof RoleSchema>;

export const ListRolesResponseSchema = z.object({
  roles: z.array(RoleSchema),
});
export type ListRolesResponse = z.infer<typeof ListRolesResponseSchema>;

export const MemberResponseSchema = z.object({
  member: MemberSchema,
});
export type MemberResponse = z.infer<typeof MemberResponseSchema>;

export const MemberParamsSchema = z.object({
  userId: IdSchema,
});
export type MemberParams = z.infer<typeof MemberParamsSchema>;

export const UpdateMemberBodySchema = z.object({
  role: RoleNameSchema,
});
export type UpdateMemberBody = z.infer<typeof UpdateMemberBodySchema>;

export const RemoveMemberResponseSchema = z.object({
  userId: IdSchema,
  /** `revoked` for a pending or expired invitation, `removed` for a member. */
  outcome: z.enum(['revoked', 'removed']),
});
export type RemoveMemberResponse = z.infer<typeof RemoveMemberResponseSchema>;

// ---- Live team events (SSE on /api/team/events) ------------------------------------------
export const TeamEventSchema = z.object({
  type: z.enum(['member.added', 'member.updated', 'member.removed']),
  userId: IdSchema,
  /** The member as it is now; absent for `member.removed`. */
  member: MemberSchema.optional(),
});
export type TeamEvent = z.infer<typeof TeamEventSchema>;
