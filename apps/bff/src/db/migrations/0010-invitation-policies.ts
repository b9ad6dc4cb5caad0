// Invitation policies: one row per organization that has changed its policy from the default
// (`anyone`). The allowed email domains the policy refers to live at Scalekit, not here.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('invitation_policies')
    .addColumn('organization_id', 'text', (column) => column.primaryKey())
    .addColumn('mode', 'text', (column) => column.notNull())
    /** JSON array of lower-cased exception addresses, sorted. */
    .addColumn('exceptions', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addColumn('updated_by', 'text', (column) => column.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('invitation_policies').execute();
}
