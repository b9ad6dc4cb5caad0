// The member index: one row per membership of an organization the BFF has indexed, the per-status
// counts kept beside it, and one row per organization saying whether (and when) it was built and
// which instance is rebuilding it (docs/decisions/009-member-index.md).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('member_index_members')
    .addColumn('organization_id', 'text', (column) => column.notNull())
    .addColumn('user_id', 'text', (column) => column.notNull())
    .addColumn('email', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('name_key', 'text', (column) => column.notNull())
    .addColumn('role_key', 'text', (column) => column.notNull())
    .addColumn('invited_key', 'text', (column) => column.notNull())
    .addColumn('joined_key', 'text', (column) => column.notNull())
    .addColumn('active_admin', 'integer', (column) => column.notNull())
    .addColumn('member_json', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('member_index_members_pk', ['organization_id', 'user_id'])
    .execute();
  // One index per sort column (keyset paging reads a page straight off it), the default sort
  // within a status, email lookups, and the active admins of the last-admin rule.
  const indexes: Record<string, string[]> = {
    member_index_name_idx: ['organization_id', 'name_key', 'user_id'],
    member_index_status_idx: ['organization_id', 'status', 'name_key', 'user_id'],
    member_index_role_idx: ['organization_id', 'role_key', 'user_id'],
    member_index_invited_idx: ['organization_id', 'invited_key', 'user_id'],
    member_index_joined_idx: ['organization_id', 'joined_key', 'user_id'],
    member_index_email_idx: ['organization_id', 'email'],
    member_index_admin_idx: ['organization_id', 'active_admin', 'user_id'],
    member_index_updated_idx: ['organization_id', 'updated_at'],
  };
  for (const [name, columns] of Object.entries(indexes)) {
    await db.schema.createIndex(name).on('member_index_members').columns(columns).execute();
  }

  await db.schema
    .createTable('member_index_counts')
    .addColumn('organization_id', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('n', 'integer', (column) => column.notNull())
    .addPrimaryKeyConstraint('member_index_counts_pk', ['organization_id', 'status'])
    .execute();

  await db.schema
    .createTable('member_index_organizations')
    .addColumn('organization_id', 'text', (column) => column.primaryKey())
    /** When the last full walk of Scalekit finished; null until the first one has. */
    .addColumn('built_at', 'text')
    /** The instance walking Scalekit now, and until when its claim holds. */
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'text')
    .execute();
}
