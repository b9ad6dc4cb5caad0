// The audit log: every team change with who made it, from where and when, and the exports
// admins take away (the log as CSV, and the access review of every member).
import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema } from './common.js';
import { EmailSchema } from './email.js';
import { InvitationPolicySchema } from './policies.js';
import { AccessRequestKindSchema } from './requests.js';
import { MemberStatusSchema } from './team.js';

export const AuditKindSchema = z.enum([
  'member.invited', // an invitation went out (single invite, a CSV row, or at Scalekit)
  'invitation.resent', // a pending or expired invitation was sent again
  'invitation.revoked', // a pending or expired invitation was withdrawn
  'member.removed', // a member was removed from the organization
  'member.role_changed', // a member's role changed
  'member.joined', // an invitee accepted and became an active member
  'member.added', // someone became an active member without an invitation (at Scalekit)
  'seats.limit_changed', // an admin changed the organization's seat limit (`seatLimit` says how)
  'api_key.created', // an admin created an organization API key (`apiKey` says which)
  'api_key.revoked', // an admin revoked an organization API key
  'policy.changed', // an admin changed the invitation policy (`policy` says how)
  'domain.added', // an admin added an allowed email domain (`domain` names it)
  'domain.removed', // an admin removed an allowed email domain (`domain` names it)
  'request.created', // a request landed in the approval inbox (`request` says which)
  'request.approved', // an admin approved a request (the invitation is its own entry)
  'request.declined', // an admin declined a request, with a reason
]);
export type AuditKind = z.infer<typeof AuditKindSchema>;

/** Where the change came from: the app's screens, a CSV import, the API, or Scalekit itself. */
export const AuditSourceSchema = z.enum(['ui', 'csv', 'api', 'scalekit_webhook']);
export type AuditSource = z.infer<typeof AuditSourceSchema>;

export const AuditActorSchema = z.discriminatedUnion('type', [
  /** A signed-in person (for `member.joined`, the member who accepted). */
  z.object({ type: z.literal('user'), userId: IdSchema, email: z.string() }),
  /** A change made at Scalekit (its dashboard, another client) by someone we cannot name. */
  z.object({ type: z.literal('scalekit') }),
  /** Another system calling the API with an organization API key. */
  z.object({ type: z.literal('api_key'), id: IdSchema, name: z.string() }),
  /** Someone signed out who proved their address by email (asking to join). */
  z.object({ type: z.literal('requester'), email: z.string() }),
]);
export type AuditActor = z.infer<typeof AuditActorSchema>;

/** A membership as the entry saw it before or after the change. */
export const AuditMemberStateSchema = z.object({
  status: MemberStatusSchema,
  roles: z.array(z.string()),
});
export type AuditMemberState = z.infer<typeof AuditMemberStateSchema>;

/** A seat-limit change; null on either side means "no limit". */
export const AuditSeatLimitChangeSchema = z.object({
  before: z.number().int().nonnegative().nullable(),
  after: z.number().int().nonnegative().nullable(),
});
export type AuditSeatLimitChange = z.infer<typeof AuditSeatLimitChangeSchema>;

/** The key an `api_key.*` entry is about. */
export const AuditApiKeySchema = z.object({
  id: IdSchema,
  name: z.string(),
  scopes: z.array(z.string()),
});
export type AuditApiKey = z.infer<typeof AuditApiKeySchema>;
/** An invitation-policy change; `before` is null when the default (`anyone`) was in force. */
export const AuditPolicyChangeSchema = z.object({
  before: InvitationPolicySchema.nullable(),
  after: InvitationPolicySchema,
});
export type AuditPolicyChange = z.infer<typeof AuditPolicyChangeSchema>;
/** The approval-inbox request a `request.*` entry is about. */
export const AuditRequestSchema = z.object({
  id: z.string(),
  kind: AccessRequestKindSchema,
  role: z.string().nullable(),
  reason: z.string().nullable(),
});
export type AuditRequest = z.infer<typeof AuditRequestSchema>;

export const AuditEntrySchema = z.object({
  id: z.string(),
  occurredAt: IsoDateTimeSchema,
  kind: AuditKindSchema,
  source: AuditSourceSchema,
  actor: AuditActorSchema,
  /** The client IP of the request that made the change (none for Scalekit webhooks). */
  ip: z.string().nullable(),
  /** The member the change is about. */
  member: z.object({ userId: IdSchema.nullable(), email: z.string().nullable() }),
  before: AuditMemberStateSchema.nullable(),
  after: AuditMemberStateSchema.nullable(),
  /** For `seats.limit_changed`: the limit before and after (null: no limit). */
  seatLimit: AuditSeatLimitChangeSchema.optional(),
  /** For `api_key.created` and `api_key.revoked`: the key. */
  apiKey: AuditApiKeySchema.optional(),
  /** For `policy.changed`: the policy before and after. */
  policy: AuditPolicyChangeSchema.optional(),
  /** For `domain.added` and `domain.removed`: the allowed email domain. */
  domain: z.string().optional(),
  /** For `request.*`: the request, and the role granted or the reason given. */
  request: AuditRequestSchema.optional(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AUDIT_PAGE_SIZE_MAX = 100;

/** A person named by user id (`usr_...`) or by email. */
export const AuditPersonFilterSchema = z.union([IdSchema, EmailSchema]);

const auditFilterShape = {
  /** Who made the change: user id or email. */
  actor: AuditPersonFilterSchema.optional(),
  /** Whom the change was about: user id or email. */
  member: AuditPersonFilterSchema.optional(),
  kind: AuditKindSchema.optional(),
  /** Changes at or after this time. */
  from: IsoDateTimeSchema.optional(),
  /** Changes before this time. */
  to: IsoDateTimeSchema.optional(),
};

function rangeInOrder(query: { from?: string | undefined; to?: string | undefined }): boolean {
  return (
    query.from === undefined ||
    query.to === undefined ||
    Date.parse(query.from) <= Date.parse(query.to)
  );
}
const RANGE_ISSUE = { path: ['to'], message: 'Must not be before `from`' };

/** Query of `GET /api/audit/export.csv`: the list's filters, no paging (the export is whole). */
export const AuditFilterQuerySchema = z.object(auditFilterShape).refine(rangeInOrder, RANGE_ISSUE);
export type AuditFilterQuery = z.infer<typeof AuditFilterQuerySchema>;

export const ListAuditQuerySchema = z
  .object({
    ...auditFilterShape,
    pageSize: z.coerce.number().int().min(1).max(AUDIT_PAGE_SIZE_MAX).default(50),
    /** `nextPageToken` of the previous page. */
    pageToken: z.string().max(64).optional(),
  })
  .refine(rangeInOrder, RANGE_ISSUE);
export type ListAuditQuery = z.infer<typeof ListAuditQuerySchema>;

export const ListAuditResponseSchema = z.object({
  /** Newest first. */
  entries: z.array(AuditEntrySchema),
  nextPageToken: z.string().nullable(),
});
export type ListAuditResponse = z.infer<typeof ListAuditResponseSchema>;

/** Columns of `GET /api/audit/export.csv`, in order. */
export const AUDIT_CSV_COLUMNS = [
  'id',
  'occurred_at',
  'kind',
  'source',
  'actor_type',
  'actor_user_id',
  'actor_email',
  'ip',
  'member_user_id',
  'member_email',
  'status_before',
  'roles_before',
  'status_after',
  'roles_after',
] as const;

/** Columns of `GET /api/team/access-review.csv`, in order. */
export const ACCESS_REVIEW_CSV_COLUMNS = [
  'user_id',
  'email',
  'name',
  'roles',
  'status',
  'invited_by',
  'invited_at',
  'accepted_at',
  'last_sign_in_at',
  'external_id',
  /** The membership metadata as a JSON object (`{}` when none). */
  'metadata',
] as const;
