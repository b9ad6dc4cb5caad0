// The approval inbox: one row per request to let someone in, the organizations' request-to-join
// domains, the ids of the join links already used (each emailed link works once), and when links
// were emailed to each address (the per-address limit holds across instances).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('access_requests')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('organization_id', 'text', (column) => column.notNull())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('email', 'text', (column) => column.notNull())
    .addColumn('given_name', 'text', (column) => column.notNull())
    .addColumn('family_name', 'text', (column) => column.notNull())
    .addColumn('suggested_role', 'text')
    .addColumn('note', 'text', (column) => column.notNull())
    .addColumn('requested_by_user_id', 'text')
    .addColumn('requested_by_email', 'text', (column) => column.notNull())
    .addColumn('organization_name', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('decided_by_user_id', 'text')
    .addColumn('decided_by_email', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('role', 'text')
    .addColumn('decline_reason', 'text')
    .addColumn('claimed_until', 'text')
    .execute();
  const indexes: Record<string, string[]> = {
    access_requests_inbox_idx: ['organization_id', 'status', 'created_at'],
    access_requests_requester_idx: ['organization_id', 'requested_by_user_id', 'created_at'],
    access_requests_email_idx: ['email', 'kind'],
  };
  for (const [name, columns] of Object.entries(indexes)) {
    await db.schema.createIndex(name).on('access_requests').columns(columns).execute();
  }
  // One open request per person and organization, whichever instance files it.
  await sql`CREATE UNIQUE INDEX access_requests_open_idx ON access_requests (organization_id, email)
    WHERE status IN ('pending', 'deciding')`.execute(db);

  await db.schema
    .createTable('request_join_domains')
    .addColumn('organization_id', 'text', (column) => column.notNull())
    .addColumn('domain', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('request_join_domains_pk', ['organization_id', 'domain'])
    .execute();
  await db.schema
    .createIndex('request_join_domains_domain_idx')
    .on('request_join_domains')
    .column('domain')
    .execute();

  await db.schema
    .createTable('join_link_uses')
    .addColumn('link_id', 'text', (column) => column.primaryKey())
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('join_link_sends')
    .addColumn('email', 'text', (column) => column.notNull())
    .addColumn('sent_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('join_link_sends_email_idx')
    .on('join_link_sends')
    .columns(['email', 'sent_at'])
    .execute();
}
