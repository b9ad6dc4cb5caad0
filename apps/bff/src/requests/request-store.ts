// The approval inbox's data: requests and their decisions, the organizations' request-to-join
// domains, and the join links already used. A decision first claims the request (pending ->
// deciding) in one conditional update, so two admins, or two instances, never both act on it.
import type { Kysely, Selectable } from 'kysely';
import {
  AccessRequestKindSchema,
  AccessRequestStatusSchema,
  type AccessRequest,
  type AccessRequestKind,
  type AccessRequestStatus,
} from '@app/contracts';
import type { AccessRequestTable, Database } from '../db/schema.js';

/** A request as stored: what the inbox shows, plus whose it is. */
export interface StoredRequest extends AccessRequest {
  organizationId: string;
  organizationName: string;
  requestedByUserId: string | null;
  /** True while an admin's decision is in flight (shown as pending). */
  deciding: boolean;
  /** What the invitation carries once approved (a CSV row's external id and metadata). */
  externalId: string | null;
  metadata: Record<string, string>;
}

export interface NewAccessRequest {
  id: string;
  organizationId: string;
  organizationName: string;
  kind: AccessRequestKind;
  email: string;
  givenName: string;
  familyName: string;
  suggestedRole: string | null;
  note: string;
  requestedByUserId: string | null;
  requestedByEmail: string;
  createdAt: Date;
  externalId?: string | undefined;
  metadata?: Record<string, string> | undefined;
}

export interface RequestListing {
  status: 'pending' | 'decided' | 'all';
  /** Only the requests this member filed (a member's own proposals). */
  requestedByUserId?: string | undefined;
  limit: number;
}

export type Decision =
  { decision: 'approve'; role: string } | { decision: 'decline'; reason: string };

export interface Decider {
  userId: string;
  email: string;
}

export interface RequestStore {
  /** Files the request; when the person already has an open request there, answers that one. */
  create(input: NewAccessRequest): Promise<{ request: StoredRequest; created: boolean }>;
  get(organizationId: string, id: string): Promise<StoredRequest | undefined>;
  /** Newest first. */
  list(organizationId: string, listing: RequestListing): Promise<StoredRequest[]>;
  countPending(organizationId: string, requestedByUserId?: string): Promise<number>;
  /** Every join request filed for this address, newest first (the requester's status page). */
  joinRequestsOf(email: string): Promise<StoredRequest[]>;
  /** pending (or a claim that lapsed) -> deciding until `until`; false when not claimable. */
  claim(organizationId: string, id: string, now: Date, until: Date): Promise<boolean>;
  /** deciding -> pending: the decision did not happen. */
  release(organizationId: string, id: string): Promise<void>;
  /** deciding -> approved / declined. */
  finish(
    organizationId: string,
    id: string,
    decision: Decision,
    by: Decider,
    at: Date,
  ): Promise<StoredRequest | undefined>;

  listJoinDomains(organizationId: string): Promise<{ domain: string; createdAt: string }[]>;
  /** Idempotent: adding a domain twice keeps the first. */
  addJoinDomain(organizationId: string, domain: string, at: Date): Promise<void>;
  removeJoinDomain(organizationId: string, domain: string): Promise<boolean>;
  /** The organizations that accept join requests from this domain. */
  organizationsForJoinDomain(domain: string): Promise<string[]>;

  /** Marks a single-use link as used; false when it was used before. */
  useLink(linkId: string, expiresAt: Date, now: Date): Promise<boolean>;
  /**
   * Counts an email to `email` unless `max` were sent since `since`; when refused, answers when
   * the oldest of those leaves the window (the caller adds the window's length).
   */
  countLinkSend(
    email: string,
    now: Date,
    since: Date,
    max: number,
  ): Promise<{ allowed: true } | { allowed: false; oldestSentAt: Date }>;
}

type Row = Selectable<AccessRequestTable>;

function publicStatus(status: string): AccessRequestStatus {
  return status === 'deciding' ? 'pending' : AccessRequestStatusSchema.parse(status);
}

function toRequest(row: Row): StoredRequest {
  return {
    id: row.id,
    kind: AccessRequestKindSchema.parse(row.kind),
    status: publicStatus(row.status),
    email: row.email,
    givenName: row.given_name,
    familyName: row.family_name,
    suggestedRole: row.suggested_role,
    note: row.note,
    requestedBy: row.requested_by_email,
    createdAt: row.created_at,
    decidedBy: row.decided_by_email,
    decidedAt: row.decided_at,
    role: row.role,
    declineReason: row.decline_reason,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    requestedByUserId: row.requested_by_user_id,
    deciding: row.status === 'deciding',
    externalId: row.external_id,
    metadata: metadataOf(row.metadata),
  };
}

function metadataOf(json: string): Record<string, string> {
  const value: unknown = JSON.parse(json);
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

const OPEN = ['pending', 'deciding'];

/** The one implementation, on Kysely: the same queries run on SQLite and PostgreSQL. */
export class SqlRequestStore implements RequestStore {
  constructor(private readonly db: Kysely<Database>) {}

  private async openRequestOf(organizationId: string, email: string): Promise<Row | undefined> {
    return this.db
      .selectFrom('access_requests')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('email', '=', email)
      .where('status', 'in', OPEN)
      .executeTakeFirst();
  }

  async create(input: NewAccessRequest): Promise<{ request: StoredRequest; created: boolean }> {
    const email = input.email.toLowerCase();
    const open = await this.openRequestOf(input.organizationId, email);
    if (open !== undefined) return { request: toRequest(open), created: false };
    try {
      await this.db
        .insertInto('access_requests')
        .values({
          id: input.id,
          organization_id: input.organizationId,
          kind: input.kind,
          status: 'pending',
          email,
          given_name: input.givenName,
          family_name: input.familyName,
          suggested_role: input.suggestedRole,
          note: input.note,
          requested_by_user_id: input.requestedByUserId,
          requested_by_email: input.requestedByEmail.toLowerCase(),
          organization_name: input.organizationName,
          created_at: input.createdAt.toISOString(),
          external_id: input.externalId ?? null,
          metadata: JSON.stringify(input.metadata ?? {}),
        })
        .execute();
    } catch (error) {
      // Another instance filed one for the same person a moment ago (the unique open index).
      const raced = await this.openRequestOf(input.organizationId, email);
      if (raced === undefined) throw error;
      return { request: toRequest(raced), created: false };
    }
    const stored = await this.get(input.organizationId, input.id);
    if (stored === undefined) throw new Error('the request just filed is missing');
    return { request: stored, created: true };
  }

  async get(organizationId: string, id: string): Promise<StoredRequest | undefined> {
    const row = await this.db
      .selectFrom('access_requests')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : toRequest(row);
  }

  async list(organizationId: string, listing: RequestListing): Promise<StoredRequest[]> {
    let query = this.db
      .selectFrom('access_requests')
      .selectAll()
      .where('organization_id', '=', organizationId);
    if (listing.status === 'pending') query = query.where('status', 'in', OPEN);
    if (listing.status === 'decided') query = query.where('status', 'not in', OPEN);
    if (listing.requestedByUserId !== undefined) {
      query = query.where('requested_by_user_id', '=', listing.requestedByUserId);
    }
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(listing.limit)
      .execute();
    return rows.map(toRequest);
  }

  async countPending(organizationId: string, requestedByUserId?: string): Promise<number> {
    let query = this.db
      .selectFrom('access_requests')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('organization_id', '=', organizationId)
      .where('status', 'in', OPEN);
    if (requestedByUserId !== undefined) {
      query = query.where('requested_by_user_id', '=', requestedByUserId);
    }
    const row = await query.executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async joinRequestsOf(email: string): Promise<StoredRequest[]> {
    const rows = await this.db
      .selectFrom('access_requests')
      .selectAll()
      .where('email', '=', email.toLowerCase())
      .where('kind', '=', 'join')
      .orderBy('created_at', 'desc')
      .limit(50)
      .execute();
    return rows.map(toRequest);
  }

  async claim(organizationId: string, id: string, now: Date, until: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('access_requests')
      .set({ status: 'deciding', claimed_until: until.toISOString() })
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .where((eb) =>
        eb.or([
          eb('status', '=', 'pending'),
          // A decision whose instance died half-way: the request is open again.
          eb.and([eb('status', '=', 'deciding'), eb('claimed_until', '<', now.toISOString())]),
        ]),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async release(organizationId: string, id: string): Promise<void> {
    await this.db
      .updateTable('access_requests')
      .set({ status: 'pending', claimed_until: null })
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .where('status', '=', 'deciding')
      .execute();
  }

  async finish(
    organizationId: string,
    id: string,
    decision: Decision,
    by: Decider,
    at: Date,
  ): Promise<StoredRequest | undefined> {
    await this.db
      .updateTable('access_requests')
      .set({
        status: decision.decision === 'approve' ? 'approved' : 'declined',
        claimed_until: null,
        decided_by_user_id: by.userId,
        decided_by_email: by.email.toLowerCase(),
        decided_at: at.toISOString(),
        role: decision.decision === 'approve' ? decision.role : null,
        decline_reason: decision.decision === 'decline' ? decision.reason : null,
      })
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .where('status', '=', 'deciding')
      .execute();
    return this.get(organizationId, id);
  }

  async listJoinDomains(organizationId: string): Promise<{ domain: string; createdAt: string }[]> {
    const rows = await this.db
      .selectFrom('request_join_domains')
      .select(['domain', 'created_at'])
      .where('organization_id', '=', organizationId)
      .orderBy('domain')
      .execute();
    return rows.map((row) => ({ domain: row.domain, createdAt: row.created_at }));
  }

  async addJoinDomain(organizationId: string, domain: string, at: Date): Promise<void> {
    await this.db
      .insertInto('request_join_domains')
      .values({
        organization_id: organizationId,
        domain: domain.toLowerCase(),
        created_at: at.toISOString(),
      })
      .onConflict((conflict) => conflict.columns(['organization_id', 'domain']).doNothing())
      .execute();
  }

  async removeJoinDomain(organizationId: string, domain: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('request_join_domains')
      .where('organization_id', '=', organizationId)
      .where('domain', '=', domain.toLowerCase())
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async organizationsForJoinDomain(domain: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('request_join_domains')
      .select('organization_id')
      .where('domain', '=', domain.toLowerCase())
      .orderBy('organization_id')
      .execute();
    return rows.map((row) => row.organization_id);
  }

  async useLink(linkId: string, expiresAt: Date, now: Date): Promise<boolean> {
    // Used links past their expiry are refused by the signature check anyway: forget them.
    await this.db
      .deleteFrom('join_link_uses')
      .where('expires_at', '<', now.toISOString())
      .execute();
    const result = await this.db
      .insertInto('join_link_uses')
      .values({ link_id: linkId, expires_at: expiresAt.toISOString() })
      .onConflict((conflict) => conflict.column('link_id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async countLinkSend(
    email: string,
    now: Date,
    since: Date,
    max: number,
  ): Promise<{ allowed: true } | { allowed: false; oldestSentAt: Date }> {
    const address = email.toLowerCase();
    await this.db
      .deleteFrom('join_link_sends')
      .where('sent_at', '<', since.toISOString())
      .execute();
    const recent = await this.db
      .selectFrom('join_link_sends')
      .select('sent_at')
      .where('email', '=', address)
      .where('sent_at', '>=', since.toISOString())
      .orderBy('sent_at')
      .limit(max)
      .execute();
    const oldest = recent[0];
    if (recent.length >= max && oldest !== undefined) {
      return { allowed: false, oldestSentAt: new Date(oldest.sent_at) };
    }
    await this.db
      .insertInto('join_link_sends')
      .values({ email: address, sent_at: now.toISOString() })
      .execute();
    return { allowed: true };
  }
}
