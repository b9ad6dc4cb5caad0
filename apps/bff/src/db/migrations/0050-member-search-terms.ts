// Member search by name and email from the member index: the search terms of every member
// (`MemberIndexTermTable`), read as prefix ranges, and a user's rows found by user id alone (a
// changed name reaches every organization the user is in). Already built indexes are marked
// unbuilt, so their next rebuild writes the terms; until then routes answer from Scalekit.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../engine.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('member_index_terms')
    .addColumn('organization_id', 'text', (column) => column.notNull())
    // Byte order on both engines, so that `term >= q AND term < q || U+10FFFF` is a prefix range
    // (PostgreSQL's default collation may order by language rules instead).
    .addColumn('term', 'text', (column) =>
      isPostgres(db) ? column.notNull().modifyFront(sql`collate "C"`) : column.notNull(),
    )
    .addColumn('user_id', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('member_index_terms_pk', ['organization_id', 'term', 'user_id'])
    .execute();
  await db.schema
    .createIndex('member_index_terms_user_idx')
    .on('member_index_terms')
    .columns(['organization_id', 'user_id', 'term'])
    .execute();
  await db.schema
    .createIndex('member_index_user_idx')
    .on('member_index_members')
    .column('user_id')
    .execute();
  await sql`update member_index_organizations set built_at = null`.execute(db);
}
