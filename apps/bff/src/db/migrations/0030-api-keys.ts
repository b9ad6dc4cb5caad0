// Organization API keys (only a SHA-256 hash of each key is kept), the Idempotency-Key records
// of requests made with them, and the API key actor of the audit log (its name, as it was then).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('organization_id', 'text', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('hint', 'text', (column) => column.notNull())
    .addColumn('secret_hash', 'text', (column) => column.notNull().unique())
    .addColumn('scopes', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('created_by_user_id', 'text', (column) => column.notNull())
    .addColumn('created_by_email', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createIndex('api_keys_org_idx')
    .on('api_keys')
    .columns(['organization_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('api_idempotency_records')
    .addColumn('api_key_id', 'text', (column) => column.notNull())
    .addColumn('idempotency_key', 'text', (column) => column.notNull())
    .addColumn('request_hash', 'text', (column) => column.notNull())
    /** Null while the first request runs; then the answer every retry replays. */
    .addColumn('status_code', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('locked_until', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('api_idempotency_records_pk', ['api_key_id', 'idempotency_key'])
    .execute();
  await db.schema
    .createIndex('api_idempotency_expiry_idx')
    .on('api_idempotency_records')
    .column('expires_at')
    .execute();

  await db.schema.alterTable('audit_entries').addColumn('actor_name', 'text').execute();
}
