// Invitations: one address at a time, and many from a CSV file (preview, import, progress).
import { z } from 'zod';
import { IdSchema, PersonNameSchema, RoleNameSchema } from './common.js';
import { EmailSchema } from './email.js';
import { ExternalIdSchema, MemberMetadataSchema } from './team.js';

export const InviteMemberBodySchema = z.object({
  email: EmailSchema,
  givenName: PersonNameSchema.optional(),
  familyName: PersonNameSchema.optional(),
  role: RoleNameSchema,
  externalId: ExternalIdSchema.optional(),
  metadata: MemberMetadataSchema.optional(),
});
export type InviteMemberBody = z.infer<typeof InviteMemberBodySchema>;

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
