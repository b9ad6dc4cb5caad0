// The approval inbox: requests to let someone in (a member's proposal, a person asking to join
// from the sign-in page, an invite held back by the seat limit), the admins' decisions on them,
// and the organization's request-to-join domains.
import { z } from 'zod';
import { IsoDateTimeSchema, PersonNameSchema, RoleNameSchema } from './common.js';
import { EmailSchema } from './email.js';

export const AccessRequestKindSchema = z.enum([
  'proposal', // a member proposed someone to invite
  'join', // a person on a request-to-join domain asked to join (address proven by email)
  'seat_limit', // a CSV row held back by the seat limit, sent to the inbox by an admin
]);
export type AccessRequestKind = z.infer<typeof AccessRequestKindSchema>;

export const AccessRequestStatusSchema = z.enum(['pending', 'approved', 'declined']);
export type AccessRequestStatus = z.infer<typeof AccessRequestStatusSchema>;

/** Request ids: `req_` and 24 URL-safe characters. */
export const AccessRequestIdSchema = z
  .string()
  .regex(/^req_[A-Za-z0-9_-]{8,40}$/, 'Not a request id');

/** Why someone should be let in (proposals), or why a request was declined. */
export const RequestNoteSchema = z
  .string()
  .trim()
  .max(500, 'At most 500 characters')
  .regex(/^[^\p{Cc}]*$/u, 'Control characters are not allowed');

export const AccessRequestSchema = z.object({
  id: AccessRequestIdSchema,
  kind: AccessRequestKindSchema,
  status: AccessRequestStatusSchema,
  /** The person to let in. */
  email: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  /** The role the requester suggested (an admin picks the role when approving). */
  suggestedRole: z.string().nullable(),
  note: z.string(),
  /** Who filed it: the member who proposed, the admin whose import held it back, or the person. */
  requestedBy: z.string(),
  createdAt: IsoDateTimeSchema,
  decidedBy: z.string().nullable(),
  decidedAt: IsoDateTimeSchema.nullable(),
  /** The role granted on approval. */
  role: z.string().nullable(),
  /** Why it was declined (told to the requester). */
  declineReason: z.string().nullable(),
});
export type AccessRequest = z.infer<typeof AccessRequestSchema>;

/** Most requests one listing answers (newest first); the inbox shows what waits first. */
export const ACCESS_REQUESTS_LIST_MAX = 200;

/** Query of `GET /api/requests`: admins see every request, members only their own proposals. */
export const ListAccessRequestsQuerySchema = z.object({
  status: z.enum(['pending', 'decided', 'all']).default('pending'),
});
export type ListAccessRequestsQuery = z.infer<typeof ListAccessRequestsQuerySchema>;

export const ListAccessRequestsResponseSchema = z.object({
  requests: z.array(AccessRequestSchema),
  /** Pending requests the caller can see (the inbox badge). */
  pendingCount: z.number().int().nonnegative(),
});
export type ListAccessRequestsResponse = z.infer<typeof ListAccessRequestsResponseSchema>;

/** Body of `POST /api/requests`: a member (or admin) proposes someone to invite. */
export const ProposeInviteBodySchema = z
  .object({
    email: EmailSchema,
    givenName: PersonNameSchema.optional(),
    familyName: PersonNameSchema.optional(),
    suggestedRole: RoleNameSchema.optional(),
    note: RequestNoteSchema.optional(),
  })
  .strict();
export type ProposeInviteBody = z.infer<typeof ProposeInviteBodySchema>;

export const AccessRequestResponseSchema = z.object({ request: AccessRequestSchema });
export type AccessRequestResponse = z.infer<typeof AccessRequestResponseSchema>;

export const AccessRequestParamsSchema = z.object({ requestId: AccessRequestIdSchema });
export type AccessRequestParams = z.infer<typeof AccessRequestParamsSchema>;

/** Body of `POST /api/requests/:id/approve`: the invitation goes out with this role. */
export const ApproveRequestBodySchema = z.object({ role: RoleNameSchema }).strict();
export type ApproveRequestBody = z.infer<typeof ApproveRequestBodySchema>;

/** Body of `POST /api/requests/:id/decline`: the reason is emailed to the requester. */
export const DeclineRequestBodySchema = z
  .object({ reason: RequestNoteSchema.pipe(z.string().min(1, 'Give a reason')) })
  .strict();
export type DeclineRequestBody = z.infer<typeof DeclineRequestBodySchema>;

/** Most requests one bulk decision may name. */
export const BULK_DECISION_MAX = 100;

/** Body of `POST /api/requests/decisions`: the same decision on many requests. */
export const BulkDecisionBodySchema = z.discriminatedUnion('decision', [
  z
    .object({
      decision: z.literal('approve'),
      requestIds: z.array(AccessRequestIdSchema).min(1).max(BULK_DECISION_MAX),
      role: RoleNameSchema,
    })
    .strict(),
  z
    .object({
      decision: z.literal('decline'),
      requestIds: z.array(AccessRequestIdSchema).min(1).max(BULK_DECISION_MAX),
      reason: RequestNoteSchema.pipe(z.string().min(1, 'Give a reason')),
    })
    .strict(),
]);
export type BulkDecisionBody = z.infer<typeof BulkDecisionBodySchema>;

/** One request's outcome in a bulk decision; a refused one keeps its error code. */
export const BulkDecisionResultSchema = z.object({
  requestId: z.string(),
  outcome: z.enum(['decided', 'refused']),
  request: AccessRequestSchema.optional(),
  code: z.string().optional(),
  message: z.string().optional(),
});
export type BulkDecisionResult = z.infer<typeof BulkDecisionResultSchema>;

export const BulkDecisionResponseSchema = z.object({
  results: z.array(BulkDecisionResultSchema),
});
export type BulkDecisionResponse = z.infer<typeof BulkDecisionResponseSchema>;

// ---- Request-to-join domains -------------------------------------------------------------

/** A DNS name of two labels or more, lower-cased (e.g. `acme.com`). */
export const RequestJoinDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253, 'At most 253 characters')
  .regex(
    /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/,
    'Enter a domain such as acme.com',
  );

/** `GET /api/requests/join-domains` and the answer of its writes (admins only). */
export const RequestJoinDomainsResponseSchema = z.object({
  domains: z.array(z.object({ domain: z.string(), createdAt: IsoDateTimeSchema })),
  /** False when the BFF cannot send email: nobody can ask to join until it can. */
  joinRequestsAvailable: z.boolean(),
});
export type RequestJoinDomainsResponse = z.infer<typeof RequestJoinDomainsResponseSchema>;

export const AddRequestJoinDomainBodySchema = z
  .object({ domain: RequestJoinDomainSchema })
  .strict();
export type AddRequestJoinDomainBody = z.infer<typeof AddRequestJoinDomainBodySchema>;

export const RequestJoinDomainParamsSchema = z.object({ domain: RequestJoinDomainSchema });

// ---- Asking to join from the sign-in page (signed out) -------------------------------------

/** Body of `POST /api/join-requests`: emails a link proving the address. Always 202. */
export const AskToJoinBodySchema = z.object({ email: EmailSchema }).strict();
export type AskToJoinBody = z.infer<typeof AskToJoinBodySchema>;

export const AskToJoinResponseSchema = z.object({
  /** The same answer whatever the address, so it tells nobody which domains have a team. */
  message: z.string(),
});
export type AskToJoinResponse = z.infer<typeof AskToJoinResponseSchema>;

/** Signed tokens travel in links; a few hundred characters at most. */
export const JoinTokenSchema = z
  .string()
  .min(16)
  .max(1024)
  .regex(/^[A-Za-z0-9_.-]+$/);

/** Body of `POST /api/join-requests/confirm`: the emailed link's token (single use). */
export const ConfirmJoinRequestBodySchema = z.object({ token: JoinTokenSchema }).strict();
export type ConfirmJoinRequestBody = z.infer<typeof ConfirmJoinRequestBodySchema>;

/** What a requester sees of their own request. */
export const JoinRequestStatusSchema = z.object({
  organizationName: z.string(),
  status: AccessRequestStatusSchema,
  createdAt: IsoDateTimeSchema,
  decidedAt: IsoDateTimeSchema.nullable(),
  declineReason: z.string().nullable(),
});
export type JoinRequestStatus = z.infer<typeof JoinRequestStatusSchema>;

/** Answer of the confirmation and of `GET /api/join-requests/status?token=`. */
export const JoinRequestStatusResponseSchema = z.object({
  email: z.string(),
  requests: z.array(JoinRequestStatusSchema),
  /** Reusable (read-only) token of the status page, also sent by email. */
  statusToken: z.string(),
});
export type JoinRequestStatusResponse = z.infer<typeof JoinRequestStatusResponseSchema>;

export const JoinRequestStatusQuerySchema = z.object({ token: JoinTokenSchema });
