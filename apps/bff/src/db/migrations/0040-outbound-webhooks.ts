// Outbound webhooks: each organization's registered endpoint (with the audit entry it has been
// told about up to) and the deliveries to it, which the dispatcher claims, sends and retries.
import type { Kysely } from 'kysely';
import { isPostgres } from '../engine.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = isPostgres(db);
  await db.schema
    .createTable('outbound_webhook_endpoints')
    .addColumn('organization_id', 'text', (column) => column.primaryKey())
    .addColumn('url', 'text', (column) => column.notNull())
    .addColumn('secret', 'text', (column) => column.notNull())
    /** Audit entries up to this id have their deliveries; later ones are still to announce. */
    .addColumn('last_audit_id', 'bigint', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('outbound_webhook_deliveries')
    .addColumn('id', postgres ? 'bigint' : 'integer', (column) =>
      postgres
        ? column.primaryKey().generatedAlwaysAsIdentity()
        : column.primaryKey().autoIncrement(),
    )
    .addColumn('organization_id', 'text', (column) => column.notNull())
    /** One delivery per event: announcing an audit entry twice fails on this. */
    .addColumn('event_id', 'text', (column) => column.notNull().unique())
    .addColumn('event_type', 'text', (column) => column.notNull())
    .addColumn('payload', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('attempts', 'integer', (column) => column.notNull())
    .addColumn('next_attempt_at', 'text')
    /** The instance sending it now and until when that claim holds. */
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'text')
    .addColumn('response_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema
    .createIndex('outbound_webhook_deliveries_due_idx')
    .on('outbound_webhook_deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('outbound_webhook_deliveries_org_idx')
    .on('outbound_webhook_deliveries')
    .columns(['organization_id', 'id'])
    .execute();
}
