// The audit log and the short-lived list of changes the app expects Scalekit to echo back.
// Append-only is enforced by the database too: a trigger refuses UPDATE and DELETE on entries.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../engine.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = isPostgres(db);
  await db.schema
    .createTable('audit_entries')
    .addColumn('id', postgres ? 'bigint' : 'integer', (column) =>
      postgres
        ? column.primaryKey().generatedAlwaysAsIdentity()
        : column.primaryKey().autoIncrement(),
    )
    .addColumn('organization_id', 'text', (column) => column.notNull())
    .addColumn('occurred_at', 'text', (column) => column.notNull())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('source', 'text', (column) => column.notNull())
    .addColumn('actor_type', 'text', (column) => column.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_email', 'text')
    .addColumn('ip', 'text')
    .addColumn('target_user_id', 'text')
    .addColumn('target_email', 'text')
    .addColumn('before_state', 'text')
    .addColumn('after_state', 'text')
    .addColumn('event_id', 'text', (column) => column.unique())
    .execute();
  // Every listing is one organization's entries, newest first, optionally narrowed by one filter.
  const indexes: Record<string, string[]> = {
    audit_entries_org_idx: ['organization_id', 'id'],
    audit_entries_target_idx: ['organization_id', 'target_user_id', 'id'],
    audit_entries_actor_idx: ['organization_id', 'actor_user_id', 'id'],
    audit_entries_time_idx: ['organization_id', 'occurred_at'],
  };
  for (const [name, columns] of Object.entries(indexes)) {
    await db.schema.createIndex(name).on('audit_entries').columns(columns).execute();
  }

  if (postgres) {
    await sql`
      CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit entries are append-only';
      END
      $$`.execute(db);
    await sql`
      CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
      FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()`.execute(db);
    await sql`
      CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
      FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only()`.execute(db);
  } else {
    for (const operation of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER audit_entries_no_${operation.toLowerCase()} BEFORE ${operation} ON audit_entries
           BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END`,
        )
        .execute(db);
    }
  }

  await db.schema
    .createTable('audit_expected_changes')
    .addColumn('id', postgres ? 'bigint' : 'integer', (column) =>
      postgres
        ? column.primaryKey().generatedAlwaysAsIdentity()
        : column.primaryKey().autoIncrement(),
    )
    .addColumn('organization_id', 'text', (column) => column.notNull())
    .addColumn('subject_email', 'text', (column) => column.notNull())
    .addColumn('change', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('audit_expected_changes_subject_idx')
    .on('audit_expected_changes')
    .columns(['organization_id', 'subject_email'])
    .execute();
}
