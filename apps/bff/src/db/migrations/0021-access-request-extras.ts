// A request keeps the external id and metadata of the row it came from (a CSV row held back by
// the seat limit), so approving it invites the person with them: nothing of the row is lost.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('access_requests').addColumn('external_id', 'text').execute();
  await db.schema
    .alterTable('access_requests')
    .addColumn('metadata', 'text', (column) => column.notNull().defaultTo(sql`'{}'`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('access_requests').dropColumn('metadata').execute();
  await db.schema.alterTable('access_requests').dropColumn('external_id').execute();
}
