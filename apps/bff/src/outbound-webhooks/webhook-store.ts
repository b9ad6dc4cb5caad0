// The outbound-webhooks area's data: each organization's endpoint and its deliveries. Deliveries
// are claimed with a conditional update (only a row nobody holds, or whose claim ran out, can be
// taken), so several BFF instances share the work without sending an attempt twice; they live
// in the database, so a restart loses nothing.
import type { Kysely, Selectable } from 'kysely';
import {
  WebhookDeliveryStatusSchema,
  type WebhookDelivery,
  type WebhookEndpoint,
} from '@app/contracts';
import type {
  Database,
  OutboundWebhookDeliveryTable,
  OutboundWebhookEndpointTable,
} from '../db/schema.js';

export interface StoredEndpoint extends WebhookEndpoint {
  organizationId: string;
  /** The newest audit entry already turned into a delivery. */
  lastAuditId: number;
}

export interface NewDelivery {
  organizationId: string;
  eventId: string;
  eventType: string;
  payload: string;
  createdAt: Date;
}

export interface ClaimedDelivery {
  id: string;
  organizationId: string;
  eventId: string;
  payload: string;
  attempts: number;
}

/** The outcome of one attempt: delivered, or when to try again (null: give up). */
export type AttemptResult =
  | { delivered: true; responseStatus: number; at: Date }
  | { delivered: false; responseStatus: number | null; error: string; retryAt: Date | null };

export interface WebhookStore {
  getEndpoint(organizationId: string): Promise<StoredEndpoint | undefined>;
  /** Registers the endpoint (with `secret`, announcing entries after the newest one) or moves it. */
  saveEndpoint(
    organizationId: string,
    url: string,
    secret: string,
    now: Date,
  ): Promise<StoredEndpoint>;
  /** Removes the endpoint; deliveries still pending fail, since nobody is there to receive them. */
  deleteEndpoint(organizationId: string, now: Date): Promise<boolean>;
  /** Endpoints whose organization has audit entries not yet announced. */
  endpointsBehind(limit: number): Promise<StoredEndpoint[]>;
  /**
   * Queues `deliveries` and moves the endpoint's mark from `fromAuditId` to `toAuditId`, in one
   * transaction; false (nothing written) when another instance moved it first.
   */
  advance(
    organizationId: string,
    fromAuditId: number,
    toAuditId: number,
    deliveries: NewDelivery[],
  ): Promise<boolean>;
  enqueue(delivery: NewDelivery): Promise<WebhookDelivery>;
  /** Takes up to `limit` due deliveries for `claimant` until `leaseUntil`. */
  claimDue(
    now: Date,
    leaseUntil: Date,
    claimant: string,
    limit: number,
  ): Promise<ClaimedDelivery[]>;
  /** Records an attempt of a delivery `claimant` holds; false when its claim was lost. */
  finish(id: string, claimant: string, result: AttemptResult): Promise<boolean>;
  /** One organization's deliveries, newest first. */
  listDeliveries(organizationId: string, limit: number): Promise<WebhookDelivery[]>;
}

type DeliveryRow = Selectable<OutboundWebhookDeliveryTable>;

function toEndpoint(row: Selectable<OutboundWebhookEndpointTable>): StoredEndpoint {
  return {
    organizationId: row.organization_id,
    url: row.url,
    secret: row.secret,
    // PostgreSQL answers a bigint as a string.
    lastAuditId: Number(row.last_audit_id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: String(row.id),
    eventId: row.event_id,
    eventType: row.event_type,
    status: WebhookDeliveryStatusSchema.parse(row.status),
    attempts: row.attempts,
    responseStatus: row.response_status,
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
  };
}

function deliveryValues(delivery: NewDelivery) {
  const createdAt = delivery.createdAt.toISOString();
  return {
    organization_id: delivery.organizationId,
    event_id: delivery.eventId,
    event_type: delivery.eventType,
    payload: delivery.payload,
    status: 'pending',
    attempts: 0,
    next_attempt_at: createdAt,
    claimed_by: null,
    claimed_until: null,
    response_status: null,
    last_error: null,
    created_at: createdAt,
    delivered_at: null,
  };
}

export class SqlWebhookStore implements WebhookStore {
  constructor(private readonly db: Kysely<Database>) {}

  async getEndpoint(organizationId: string): Promise<StoredEndpoint | undefined> {
    const row = await this.db
      .selectFrom('outbound_webhook_endpoints')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .executeTakeFirst();
    return row === undefined ? undefined : toEndpoint(row);
  }

  async saveEndpoint(
    organizationId: string,
    url: string,
    secret: string,
    now: Date,
  ): Promise<StoredEndpoint> {
    const at = now.toISOString();
    const moved = await this.db
      .updateTable('outbound_webhook_endpoints')
      .set({ url, updated_at: at })
      .where('organization_id', '=', organizationId)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) === 0) {
      // A new endpoint hears about changes from now on, not the organization's whole history.
      const newest = await this.db
        .selectFrom('audit_entries')
        .select((eb) => eb.fn.max('id').as('id'))
        .where('organization_id', '=', organizationId)
        .executeTakeFirst();
      await this.db
        .insertInto('outbound_webhook_endpoints')
        .values({
          organization_id: organizationId,
          url,
          secret,
          last_audit_id: Number(newest?.id ?? 0),
          created_at: at,
          updated_at: at,
        })
        // Two admins registering at once: the first one's secret stays, the URL is the last.
        .onConflict((conflict) =>
          conflict.column('organization_id').doUpdateSet({ url, updated_at: at }),
        )
        .execute();
    }
    const saved = await this.getEndpoint(organizationId);
    if (saved === undefined) throw new Error('endpoint vanished while being saved');
    return saved;
  }

  async deleteEndpoint(organizationId: string, now: Date): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const deleted = await trx
        .deleteFrom('outbound_webhook_endpoints')
        .where('organization_id', '=', organizationId)
        .executeTakeFirst();
      await trx
        .updateTable('outbound_webhook_deliveries')
        .set({
          status: 'failed',
          next_attempt_at: null,
          last_error: 'The endpoint was removed',
          claimed_until: now.toISOString(),
        })
        .where('organization_id', '=', organizationId)
        .where('status', '=', 'pending')
        .execute();
      return Number(deleted.numDeletedRows) > 0;
    });
  }

  async endpointsBehind(limit: number): Promise<StoredEndpoint[]> {
    const rows = await this.db
      .selectFrom('outbound_webhook_endpoints as e')
      .selectAll('e')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('audit_entries as a')
            .select('a.id')
            .whereRef('a.organization_id', '=', 'e.organization_id')
            .whereRef('a.id', '>', 'e.last_audit_id'),
        ),
      )
      .limit(limit)
      .execute();
    return rows.map(toEndpoint);
  }

  async advance(
    organizationId: string,
    fromAuditId: number,
    toAuditId: number,
    deliveries: NewDelivery[],
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const moved = await trx
        .updateTable('outbound_webhook_endpoints')
        .set({ last_audit_id: toAuditId })
        .where('organization_id', '=', organizationId)
        .where('last_audit_id', '=', fromAuditId)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) === 0) return false;
      if (deliveries.length > 0) {
        await trx
          .insertInto('outbound_webhook_deliveries')
          .values(deliveries.map(deliveryValues))
          .onConflict((conflict) => conflict.column('event_id').doNothing())
          .execute();
      }
      return true;
    });
  }

  async enqueue(delivery: NewDelivery): Promise<WebhookDelivery> {
    const row = await this.db
      .insertInto('outbound_webhook_deliveries')
      .values(deliveryValues(delivery))
      .returningAll()
      .executeTakeFirstOrThrow();
    return toDelivery(row);
  }

  async claimDue(
    now: Date,
    leaseUntil: Date,
    claimant: string,
    limit: number,
  ): Promise<ClaimedDelivery[]> {
    const at = now.toISOString();
    const candidates = await this.db
      .selectFrom('outbound_webhook_deliveries')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', at)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', at)]))
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
    const claimed: ClaimedDelivery[] = [];
    for (const { id } of candidates) {
      // The same conditions again, atomically: of two instances only one takes the row.
      const row = await this.db
        .updateTable('outbound_webhook_deliveries')
        .set({ claimed_by: claimant, claimed_until: leaseUntil.toISOString() })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', at)]))
        .returning(['id', 'organization_id', 'event_id', 'payload', 'attempts'])
        .executeTakeFirst();
      if (row !== undefined) {
        claimed.push({
          id: String(row.id),
          organizationId: row.organization_id,
          eventId: row.event_id,
          payload: row.payload,
          attempts: row.attempts,
        });
      }
    }
    return claimed;
  }

  async finish(id: string, claimant: string, result: AttemptResult): Promise<boolean> {
    const update = result.delivered
      ? {
          status: 'delivered',
          response_status: result.responseStatus,
          last_error: null,
          next_attempt_at: null,
          delivered_at: result.at.toISOString(),
        }
      : {
          status: result.retryAt === null ? 'failed' : 'pending',
          response_status: result.responseStatus,
          last_error: result.error,
          next_attempt_at: result.retryAt?.toISOString() ?? null,
        };
    const done = await this.db
      .updateTable('outbound_webhook_deliveries')
      .set((eb) => ({
        ...update,
        attempts: eb('attempts', '+', 1),
        claimed_by: null,
        claimed_until: null,
      }))
      .where('id', '=', Number(id))
      .where('claimed_by', '=', claimant)
      .executeTakeFirst();
    return Number(done.numUpdatedRows) > 0;
  }

  async listDeliveries(organizationId: string, limit: number): Promise<WebhookDelivery[]> {
    const rows = await this.db
      .selectFrom('outbound_webhook_deliveries')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toDelivery);
  }
}
