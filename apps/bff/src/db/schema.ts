// Row types of the BFF's own tables, as the migrations in ./migrations create them. Kysely checks
// every query against these; a migration that changes a table changes its type here.
import type { Generated } from 'kysely';

/** One recorded team change. Append-only: the app has no path that updates or deletes a row. */
export interface AuditEntryTable {
  /** Insertion order; SQLite answers a number, PostgreSQL's bigint a string. */
  id: Generated<number | string>;
  organization_id: string;
  /** ISO-8601 UTC with milliseconds (`toISOString()`), so text order is time order. */
  occurred_at: string;
  kind: string;
  source: string;
  actor_type: string;
  actor_user_id: string | null;
  actor_email: string | null;
  ip: string | null;
  target_user_id: string | null;
  target_email: string | null;
  /** JSON of the member's state before and after the change. */
  before_state: string | null;
  after_state: string | null;
  /** `webhook-id` of the Scalekit delivery the entry came from: a redelivery writes nothing. */
  event_id: string | null;
  /** The API key actor's name when the entry was written (migration 0030). */
  actor_name: string | null;
}

/**
 * A change the app is about to make at Scalekit, so that the webhook Scalekit sends about it is
 * recognised as the echo of an entry the app records itself. Short-lived; not part of the log.
 */
export interface AuditExpectedChangeTable {
  id: Generated<number | string>;
  organization_id: string;
  /** Lower-cased email of the member the change is about. */
  subject_email: string;
  change: string;
  expires_at: string;
}

/** One membership of an indexed organization: the Member as JSON plus the columns it is sorted and filtered by. */
export interface MemberIndexMemberTable {
  organization_id: string;
  user_id: string;
  /** Lower-cased. */
  email: string;
  status: string;
  /** Sort keys: lower-cased name (or email), first role, invitation and acceptance times ('' when none). */
  name_key: string;
  role_key: string;
  invited_key: string;
  joined_key: string;
  /** 1 for an active member with the admin role (the last-admin rule's candidates). */
  active_admin: number;
  member_json: string;
  /** ISO time of the last write: a rebuild removes rows it neither saw nor were written during it. */
  updated_at: string;
}

/** Members per status of an indexed organization, kept in step with the rows above. */
export interface MemberIndexCountTable {
  organization_id: string;
  status: string;
  n: number | string;
}

export interface MemberIndexOrganizationTable {
  organization_id: string;
  built_at: string | null;
  claimed_by: string | null;
  claimed_until: string | null;
}

/** An organization's invitation policy (absent: the default, `anyone`). */
export interface InvitationPolicyTable {
  organization_id: string;
  mode: string;
  /** JSON array of lower-cased exception addresses, sorted. */
  exceptions: string;
  /** ISO-8601 UTC of the last change, and the email of the admin who made it. */
  updated_at: string;
  updated_by: string;
}

/** One request in an organization's approval inbox. */
export interface AccessRequestTable {
  /** `req_...`, random. */
  id: string;
  organization_id: string;
  kind: string;
  /** pending | deciding (an admin's decision in flight, until claimed_until) | approved | declined */
  status: string;
  /** Lower-cased. */
  email: string;
  given_name: string;
  family_name: string;
  suggested_role: string | null;
  note: string;
  /** The member or admin who filed it; null for a join request (the person themself). */
  requested_by_user_id: string | null;
  requested_by_email: string;
  /** The organization's display name when the request was filed (the requester's status page). */
  organization_name: string;
  /** ISO-8601 UTC, so text order is time order. */
  created_at: string;
  decided_by_user_id: string | null;
  decided_by_email: string | null;
  decided_at: string | null;
  role: string | null;
  decline_reason: string | null;
  claimed_until: string | null;
  /** The external id and metadata (JSON object) to invite with: a CSV row's, kept for approval. */
  external_id: string | null;
  metadata: Generated<string>;
}

/** A domain whose people may ask to join the organization from the sign-in page. */
export interface RequestJoinDomainTable {
  organization_id: string;
  /** Lower-cased. */
  domain: string;
  created_at: string;
}

/** A single-use join link that was used (kept until it would have expired anyway). */
export interface JoinLinkUseTable {
  link_id: string;
  expires_at: string;
}

/** A join-request email sent to an address (kept an hour, for the per-address limit). */
export interface JoinLinkSendTable {
  /** Lower-cased. */
  email: string;
  sent_at: string;
}

/** An organization's registered outbound webhook endpoint (one per organization). */
export interface OutboundWebhookEndpointTable {
  organization_id: string;
  url: string;
  /** `whsec_<base64>`: the key events are signed with. */
  secret: string;
  /** The newest audit entry already turned into a delivery. */
  last_audit_id: number | string;
  created_at: string;
  updated_at: string;
}

/** One event to send to an organization's endpoint, with its attempts so far. */
export interface OutboundWebhookDeliveryTable {
  id: Generated<number | string>;
  organization_id: string;
  event_id: string;
  event_type: string;
  /** The exact JSON body sent (and signed) on every attempt. */
  payload: string;
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  claimed_by: string | null;
  claimed_until: string | null;
  response_status: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

/**
 * What member search matches: for each member, every tail of the name and of the email that starts
 * at a word (`ada lovelace`, `lovelace`, `ada@acme.test`, `acme.test`, `test`), lower-cased; a
 * search is a prefix of one of them (migration 0050).
 */
export interface MemberIndexTermTable {
  organization_id: string;
  term: string;
  user_id: string;
}

export interface Database {
  audit_entries: AuditEntryTable;
  audit_expected_changes: AuditExpectedChangeTable;
  member_index_members: MemberIndexMemberTable;
  member_index_counts: MemberIndexCountTable;
  member_index_organizations: MemberIndexOrganizationTable;
  api_keys: ApiKeyTable;
  api_idempotency_records: ApiIdempotencyRecordTable;
  invitation_policies: InvitationPolicyTable;
  access_requests: AccessRequestTable;
  request_join_domains: RequestJoinDomainTable;
  join_link_uses: JoinLinkUseTable;
  join_link_sends: JoinLinkSendTable;
  outbound_webhook_endpoints: OutboundWebhookEndpointTable;
  outbound_webhook_deliveries: OutboundWebhookDeliveryTable;
  member_index_terms: MemberIndexTermTable;
}

/** An organization API key. The key itself is never stored, only its SHA-256 (hex). */
export interface ApiKeyTable {
  id: string;
  organization_id: string;
  name: string;
  /** The key's first characters, shown to tell keys apart. */
  hint: string;
  secret_hash: string;
  /** JSON array of scopes. */
  scopes: string;
  created_at: string;
  created_by_user_id: string;
  created_by_email: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** The first answer to a request made with an API key and an Idempotency-Key, for its retries. */
export interface ApiIdempotencyRecordTable {
  api_key_id: string;
  idempotency_key: string;
  /** SHA-256 of the method, route and parsed body: a retry must send the same request. */
  request_hash: string;
  status_code: number | null;
  response_body: string | null;
  created_at: string;
  /** While the first request runs, retries wait; past this a crashed attempt may be taken over. */
  locked_until: string;
  expires_at: string;
}
