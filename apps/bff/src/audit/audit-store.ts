// The audit area's data: appending entries, reading them back newest first with filters, and
// the short-lived "changes the app is making" that tell a webhook's echo from news. Append-only:
// this interface has no update or delete, and the database refuses them too (migration 0001).
import type { Kysely, Selectable, SelectQueryBuilder } from 'kysely';
import {
  AuditApiKeySchema,
  AuditKindSchema,
  AuditMemberStateSchema,
  AuditPolicyChangeSchema,
  AuditRequestSchema,
  AuditSeatLimitChangeSchema,
  AuditSourceSchema,
  type AuditActor,
  type AuditApiKey,
  type AuditEntry,
  type AuditKind,
  type AuditMemberState,
  type AuditPolicyChange,
  type AuditRequest,
  type AuditSeatLimitChange,
  type AuditSource,
} from '@app/contracts';
import type { AuditEntryTable, Database } from '../db/schema.js';

export interface NewAuditEntry {
  organizationId: string;
  occurredAt: Date;
  kind: AuditKind;
  source: AuditSource;
  actor: AuditActor;
  ip: string | null;
  member: { userId: string | null; email: string | null };
  before: AuditMemberState | null;
  after: AuditMemberState | null;
  /** For `seats.limit_changed`: the limit before and after (stored in the state columns). */
  seatLimit?: AuditSeatLimitChange | undefined;
  /** For `api_key.*`: the key (stored in the after-state column). */
  apiKey?: AuditApiKey | undefined;
  /** For `policy.changed`: the policy before and after (stored in the state columns). */
  policy?: AuditPolicyChange | undefined;
  /** For `domain.added` / `domain.removed`: the domain (stored in the after / before column). */
  domain?: string | undefined;
  /** For `request.*`: the approval-inbox request (stored in the after-state column). */
  request?: AuditRequest | undefined;
  /** The Scalekit delivery (`webhook-id`) the entry records: a redelivery writes nothing. */
  eventId?: string | undefined;
}

/** Narrowing of a listing; person filters take a user id or an email. */
export interface AuditFilter {
  actor?: string | undefined;
  member?: string | undefined;
  kind?: AuditKind | undefined;
  /** ISO instants: at or after `from`, before `to`. */
  from?: string | undefined;
  to?: string | undefined;
}

export interface AuditPage {
  limit: number;
  /** Only entries older than this id (the previous page's last). */
  beforeId?: number | undefined;
}

/** What the app is about to do to a member at Scalekit. */
export type ExpectedChange = 'invite' | 'resend' | 'role_change' | 'remove';

export interface AuditStore {
  /** Appends one entry; false when its `eventId` was recorded before (nothing written). */
  append(entry: NewAuditEntry): Promise<boolean>;
  /** One organization's entries, newest first. */
  list(organizationId: string, filter: AuditFilter, page: AuditPage): Promise<AuditEntry[]>;
  /** One organization's entries after `afterId`, oldest first (what is still to announce). */
  listAfter(organizationId: string, afterId: number, limit: number): Promise<AuditEntry[]>;
  /** The newest entry about a member, if any. */
  latestAbout(organizationId: string, userId: string): Promise<AuditEntry | undefined>;
  /** Notes that the app is making `change` to the member with `email`, until `until`. */
  expectChange(
    organizationId: string,
    email: string,
    change: ExpectedChange,
    until: Date,
  ): Promise<void>;
  /** Whether one of `changes` to the member with `email` is expected at `now`. */
  isExpected(
    organizationId: string,
    email: string,
    changes: readonly ExpectedChange[],
    now: Date,
  ): Promise<boolean>;
}

type EntryRow = Selectable<AuditEntryTable>;

function parseState(json: string | null): AuditMemberState | null {
  return json === null ? null : AuditMemberStateSchema.parse(JSON.parse(json));
}

function actorOf(row: EntryRow): AuditActor {
  if (row.actor_type === 'user' && row.actor_user_id !== null) {
    return { type: 'user', userId: row.actor_user_id, email: row.actor_email ?? '' };
  }
  if (row.actor_type === 'api_key' && row.actor_user_id !== null) {
    return { type: 'api_key', id: row.actor_user_id, name: row.actor_name ?? '' };
  }
  if (row.actor_type === 'requester') return { type: 'requester', email: row.actor_email ?? '' };
  return { type: 'scalekit' };
}

/** A seat-limit entry keeps `{seatLimit: n | null}` in its before/after state columns. */
function seatLimitOf(row: EntryRow): AuditSeatLimitChange {
  const side = (json: string | null): unknown =>
    json === null ? null : (JSON.parse(json) as { seatLimit?: unknown }).seatLimit;
  return AuditSeatLimitChangeSchema.parse({
    before: side(row.before_state),
    after: side(row.after_state),
  });
}

/** A policy entry keeps `{policy}` in its state columns, a domain entry `{domain}` in one. */
function settingOf(json: string | null, key: 'policy' | 'domain'): unknown {
  return json === null ? null : ((JSON.parse(json) as Record<string, unknown>)[key] ?? null);
}

function toEntry(row: EntryRow): AuditEntry {
  const base = {
    id: String(row.id),
    occurredAt: row.occurred_at,
    kind: AuditKindSchema.parse(row.kind),
    source: AuditSourceSchema.parse(row.source),
    actor: actorOf(row),
    ip: row.ip,
    member: { userId: row.target_user_id, email: row.target_email },
  };
  if (row.kind === 'seats.limit_changed') {
    return { ...base, before: null, after: null, seatLimit: seatLimitOf(row) };
  }
  if (row.kind.startsWith('api_key.') && row.after_state !== null) {
    const { apiKey } = JSON.parse(row.after_state) as { apiKey?: unknown };
    return { ...base, before: null, after: null, apiKey: AuditApiKeySchema.parse(apiKey) };
  }
  if (row.kind === 'policy.changed') {
    const policy = AuditPolicyChangeSchema.parse({
      before: settingOf(row.before_state, 'policy'),
      after: settingOf(row.after_state, 'policy'),
    });
    return { ...base, before: null, after: null, policy };
  }
  if (row.kind === 'domain.added' || row.kind === 'domain.removed') {
    const domain = settingOf(
      row.kind === 'domain.added' ? row.after_state : row.before_state,
      'domain',
    );
    return { ...base, before: null, after: null, domain: typeof domain === 'string' ? domain : '' };
  }
  if (row.kind.startsWith('request.') && row.after_state !== null) {
    const { request } = JSON.parse(row.after_state) as { request?: unknown };
    return { ...base, before: null, after: null, request: AuditRequestSchema.parse(request) };
  }
  return { ...base, before: parseState(row.before_state), after: parseState(row.after_state) };
}

function stateColumn(
  state: AuditMemberState | null,
  seatLimit: number | null | undefined,
): string | null {
  if (seatLimit !== undefined) return JSON.stringify({ seatLimit });
  return state === null ? null : JSON.stringify(state);
}

/** A person's user id, or an API key's id (so the actor filter finds a key's changes too). */
export function actorIdOf(actor: AuditActor): string | null {
  if (actor.type === 'user') return actor.userId;
  return actor.type === 'api_key' ? actor.id : null;
}

/** The before and after columns of an entry: member states, or the setting that changed. */
function stateColumns(entry: NewAuditEntry): { before: string | null; after: string | null } {
  if (entry.apiKey !== undefined)
    return { before: null, after: JSON.stringify({ apiKey: entry.apiKey }) };
  if (entry.request !== undefined) {
    return {
      before: stateColumn(entry.before, entry.seatLimit?.before),
      after: JSON.stringify({ request: entry.request }),
    };
  }
  if (entry.policy !== undefined) {
    return {
      before: entry.policy.before === null ? null : JSON.stringify({ policy: entry.policy.before }),
      after: JSON.stringify({ policy: entry.policy.after }),
    };
  }
  if (entry.domain !== undefined) {
    const column = JSON.stringify({ domain: entry.domain });
    return entry.kind === 'domain.removed'
      ? { before: column, after: null }
      : { before: null, after: column };
  }
  return {
    before: stateColumn(entry.before, entry.seatLimit?.before),
    after: stateColumn(entry.after, entry.seatLimit?.after),
  };
}

const isEmail = (person: string) => person.includes('@');

/** The one implementation, on Kysely: the same queries run on SQLite and PostgreSQL. */
export class SqlAuditStore implements AuditStore {
  constructor(private readonly db: Kysely<Database>) {}

  async append(entry: NewAuditEntry): Promise<boolean> {
    const states = stateColumns(entry);
    const result = await this.db
      .insertInto('audit_entries')
      .values({
        organization_id: entry.organizationId,
        occurred_at: entry.occurredAt.toISOString(),
        kind: entry.kind,
        source: entry.source,
        actor_type: entry.actor.type,
        actor_user_id: actorIdOf(entry.actor),
        actor_email:
          entry.actor.type === 'user' || entry.actor.type === 'requester'
            ? entry.actor.email.toLowerCase()
            : null,
        actor_name: entry.actor.type === 'api_key' ? entry.actor.name : null,
        ip: entry.ip,
        target_user_id: entry.member.userId,
        target_email: entry.member.email?.toLowerCase() ?? null,
        before_state: states.before,
        after_state: states.after,
        event_id: entry.eventId ?? null,
      })
      .onConflict((conflict) => conflict.column('event_id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async list(organizationId: string, filter: AuditFilter, page: AuditPage): Promise<AuditEntry[]> {
    let query: SelectQueryBuilder<Database, 'audit_entries', EntryRow> = this.db
      .selectFrom('audit_entries')
      .selectAll()
      .where('organization_id', '=', organizationId);
    if (filter.actor !== undefined) {
      query = isEmail(filter.actor)
        ? query.where('actor_email', '=', filter.actor.toLowerCase())
        : query.where('actor_user_id', '=', filter.actor);
    }
    if (filter.member !== undefined) {
      query = isEmail(filter.member)
        ? query.where('target_email', '=', filter.member.toLowerCase())
        : query.where('target_user_id', '=', filter.member);
    }
    if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
    if (filter.from !== undefined) query = query.where('occurred_at', '>=', filter.from);
    if (filter.to !== undefined) query = query.where('occurred_at', '<', filter.to);
    if (page.beforeId !== undefined) query = query.where('id', '<', page.beforeId);
    const rows = await query.orderBy('id', 'desc').limit(page.limit).execute();
    return rows.map(toEntry);
  }

  async listAfter(organizationId: string, afterId: number, limit: number): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_entries')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('id', '>', afterId)
      .orderBy('id', 'asc')
      .limit(limit)
      .execute();
    return rows.map(toEntry);
  }

  async latestAbout(organizationId: string, userId: string): Promise<AuditEntry | undefined> {
    const row = await this.db
      .selectFrom('audit_entries')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('target_user_id', '=', userId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? undefined : toEntry(row);
  }

  async expectChange(
    organizationId: string,
    email: string,
    change: ExpectedChange,
    until: Date,
  ): Promise<void> {
    // Expired expectations have done their job; clearing them here keeps the table tiny.
    await this.db
      .deleteFrom('audit_expected_changes')
      .where('expires_at', '<', new Date().toISOString())
      .execute();
    await this.db
      .insertInto('audit_expected_changes')
      .values({
        organization_id: organizationId,
        subject_email: email.toLowerCase(),
        change,
        expires_at: until.toISOString(),
      })
      .execute();
  }

  async isExpected(
    organizationId: string,
    email: string,
    changes: readonly ExpectedChange[],
    now: Date,
  ): Promise<boolean> {
    if (changes.length === 0) return false;
    const row = await this.db
      .selectFrom('audit_expected_changes')
      .select('id')
      .where('organization_id', '=', organizationId)
      .where('subject_email', '=', email.toLowerCase())
      .where('change', 'in', [...changes])
      .where('expires_at', '>', now.toISOString())
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }
}
