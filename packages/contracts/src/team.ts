// Team management: members, roles, invitations (single and bulk from CSV), live events.
import { z } from 'zod';
import {
  EmailSchema,
  IdSchema,
  IsoDateTimeSchema,
  PersonNameSchema,
  RoleNameSchema,
} from './common.js';

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
   * Case-insensitive substring of the email, user id or external id: Scalekit's organization search.
   * Empty means no search; otherwise 3 to 100 characters. Results keep Scalekit's order.
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

export const InviteMemberBodySchema = z.object({
  email: EmailSchema,
  givenName: PersonNameSchema.optional(),
  familyName: PersonNameSchema.optional(),
  role: RoleNameSchema,
  externalId: ExternalIdSchema.optional(),
  metadata: MemberMetadataSchema.optional(),
});
export type InviteMemberBody = z.infer<typeof InviteMemberBodySchema>;

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

// ---- Bulk invitations from CSV -------------------------------------------------------

/** Most data rows one bulk request may carry; larger files are refused whole (413). */
export const BULK_INVITE_MAX_ROWS = 1000;
/** Most bytes one bulk request may carry. */
export const BULK_INVITE_MAX_BYTES = 512 * 1024;
export const BULK_INVITE_CONTENT_TYPE = 'text/csv';

/**
 * Accepted CSV headers (case, spaces and dashes ignored) and the field each fills. The first
 * line must be a header row containing an `email` column; other columns are ignored.
 */
export const CSV_COLUMN_ALIASES: Record<
  string,
  'email' | 'givenName' | 'familyName' | 'role' | 'externalId'
> = {
  email: 'email',
  emailaddress: 'email',
  givenname: 'givenName',
  firstname: 'givenName',
  familyname: 'familyName',
  lastname: 'familyName',
  surname: 'familyName',
  role: 'role',
  externalid: 'externalId',
};

/** Header prefix of a metadata column: `metadata.department` holds the `department` value. */
export const CSV_METADATA_PREFIX = 'metadata.';

/** Normalizes a CSV header cell to the key used in CSV_COLUMN_ALIASES. */
export function normalizeCsvHeader(header: string): string {
  return header.toLowerCase().replace(/[\s_\-.]/g, '');
}

/** One CSV data row after header mapping; `role` falls back to the request's default role. */
export const BulkInviteRowSchema = z.object({
  email: EmailSchema,
  givenName: PersonNameSchema.optional(),
  familyName: PersonNameSchema.optional(),
  role: RoleNameSchema.optional(),
  externalId: ExternalIdSchema.optional(),
  /** From the `metadata.<key>` columns; blank cells are left out. */
  metadata: MemberMetadataSchema.optional(),
});
export type BulkInviteRow = z.infer<typeof BulkInviteRowSchema>;

/** Query of `POST /api/team/invitations/bulk` (the body is the CSV text itself). */
export const BulkInviteQuerySchema = z.object({
  /** Role for rows whose `role` cell is empty. */
  defaultRole: RoleNameSchema.default('member'),
  /**
   * What to do with the new rows past the seat limit: refuse the whole import before anything
   * is sent (`stop`), invite the rows that fit and refuse the rest (`invite_fitting`), or invite
   * the rows that fit and file the rest as requests in the approval inbox (`send_to_inbox`).
   */
  overSeatLimit: z.enum(['stop', 'invite_fitting', 'send_to_inbox']).default('invite_fitting'),
});
export type BulkInviteQuery = z.infer<typeof BulkInviteQuerySchema>;

/** `queued`: held back by the seat limit and filed in the approval inbox (nothing sent). */
export const BulkInviteOutcomeSchema = z.enum(['invited', 'already_member', 'rejected', 'queued']);
export type BulkInviteOutcome = z.infer<typeof BulkInviteOutcomeSchema>;

/**
 * Why a bulk import stopped early: the server is shutting down, or Scalekit is known to be
 * down. Rows already sent finish and are reported; the rest are counted as not attempted.
 */
export const BulkInviteInterruptionSchema = z.enum(['server_shutdown', 'identity_unavailable']);
export type BulkInviteInterruption = z.infer<typeof BulkInviteInterruptionSchema>;

/**
 * The bulk endpoint answers `application/x-ndjson`: one BulkInviteEvent per line, `started`
 * first, one `row` per data row (in completion order, each carrying progress), `finished` last.
 */
export const BulkInviteEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), total: z.number().int().nonnegative() }),
  z.object({
    type: z.literal('row'),
    /** 1-based line number in the file, header included, so users can find the row. */
    line: z.number().int().positive(),
    email: z.string(),
    outcome: BulkInviteOutcomeSchema,
    /** Human-readable reason, for `rejected` and `already_member`. */
    reason: z.string().optional(),
    userId: IdSchema.optional(),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  }),
  z.object({
    type: z.literal('finished'),
    total: z.number().int().nonnegative(),
    invited: z.number().int().nonnegative(),
    alreadyMember: z.number().int().nonnegative(),
    rejected: z.number().int().nonnegative(),
    /** Rows filed in the approval inbox (`overSeatLimit=send_to_inbox`). */
    queued: z.number().int().nonnegative().optional(),
    /** Rows never sent to Scalekit because the import was interrupted (none otherwise). */
    notAttempted: z.number().int().nonnegative(),
    /** Why the import stopped before its last row; null when it ran to the end. */
    interrupted: BulkInviteInterruptionSchema.nullable(),
  }),
]);
export type BulkInviteEvent = z.infer<typeof BulkInviteEventSchema>;

/**
 * `POST /api/team/invitations/bulk/preview`: the same CSV body and query as the import, judged
 * by the same rules (roles of the organization, existing members, duplicates in the file,
 * addresses) without creating or sending anything. `outcome` is what the import would report
 * for the row: `invited` means the row will be invited.
 */
export const BulkInvitePreviewRowSchema = z.object({
  line: z.number().int().positive(),
  email: z.string(),
  outcome: BulkInviteOutcomeSchema,
  /** Human-readable reason, for `rejected` and `already_member`. */
  reason: z.string().optional(),
});
export type BulkInvitePreviewRow = z.infer<typeof BulkInvitePreviewRowSchema>;

export const BulkInvitePreviewResponseSchema = z.object({
  /** In file order. */
  rows: z.array(BulkInvitePreviewRowSchema),
  total: z.number().int().nonnegative(),
  invited: z.number().int().nonnegative(),
  alreadyMember: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
});
export type BulkInvitePreviewResponse = z.infer<typeof BulkInvitePreviewResponseSchema>;

// ---- Live team events (SSE on /api/team/events) ------------------------------------------

export const TeamEventSchema = z.object({
  type: z.enum(['member.added', 'member.updated', 'member.removed']),
  userId: IdSchema,
  /** The member as it is now; absent for `member.removed`. */
  member: MemberSchema.optional(),
});
export type TeamEvent = z.infer<typeof TeamEventSchema>;
