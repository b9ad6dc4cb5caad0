// The member index's data: members of indexed organizations with their sort keys, counts per
// status kept in step, keyset pages in any supported order, email lookups, the active admins,
// search terms for name and email search, and the per-organization build state with a claim so
// one instance at a time rebuilds it.
import { sql, type Kysely, type Transaction } from 'kysely';
import {
  MemberSchema,
  MemberStatusSchema,
  type Member,
  type MemberCounts,
  type MemberSort,
  type MemberStatus,
} from '@app/contracts';
import type { Database } from '../db/schema.js';
import { searchTermsOf, TERM_END } from './search-terms.js';

type SortColumn = 'name_key' | 'status' | 'role_key' | 'invited_key' | 'joined_key' | 'user_id';

/** The keyset of each sort: its columns, ending with user_id so that every position is unique. */
export const SORT_KEYS: Record<MemberSort, readonly SortColumn[]> = {
  name: ['name_key', 'user_id'],
  status: ['status', 'name_key', 'user_id'],
  role: ['role_key', 'user_id'],
  invited: ['invited_key', 'user_id'],
  joined: ['joined_key', 'user_id'],
};

export interface IndexPageQuery {
  status?: MemberStatus | undefined;
  sort: MemberSort;
  order: 'asc' | 'desc';
  limit: number;
  /** Keyset values of the last row of the previous page, in SORT_KEYS[sort] order. */
  after?: readonly string[] | undefined;
}

export interface IndexPage {
  members: Member[];
  /** Keyset values of the last member returned when more follow, else null. */
  last: string[] | null;
}

export interface IndexSearchQuery {
  /** In `searchKey` form. */
  text: string;
  status?: MemberStatus | undefined;
  limit: number;
  /** Term and user id of the last member of the previous page. */
  after?: readonly [string, string] | undefined;
}

export interface OrganizationIndexState {
  builtAt: Date | null;
}

function sortValues(member: Member): Record<Exclude<SortColumn, 'user_id'>, string> {
  return {
    name_key: (member.name === '' ? member.email : member.name).toLowerCase(),
    status: member.status,
    role_key: member.roles[0] ?? '',
    invited_key: member.invitedAt ?? '',
    joined_key: member.acceptedAt ?? '',
  };
}

function isActiveAdminMember(member: Member): boolean {
  return member.status === 'active' && member.roles.includes('admin');
}

const emptyCounts = (): MemberCounts => ({
  active: 0,
  pending: 0,
  expired: 0,
  inactive: 0,
  total: 0,
});

export class MemberIndexStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Writes `members` of `organizationId` as they are now, adjusting the counts per status. */
  async upsert(organizationId: string, members: readonly Member[], at: Date): Promise<void> {
    if (members.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      const old = await trx
        .selectFrom('member_index_members')
        .select(['user_id', 'status'])
        .where('organization_id', '=', organizationId)
        .where(
          'user_id',
          'in',
          members.map((member) => member.userId),
        )
        .execute();
      const deltas = new Map<string, number>();
      const bump = (status: string, by: number) =>
        deltas.set(status, (deltas.get(status) ?? 0) + by);
      for (const row of old) bump(row.status, -1);
      for (const member of members) bump(member.status, 1);
      await trx
        .insertInto('member_index_members')
        .values(
          members.map((member) => ({
            organization_id: organizationId,
            user_id: member.userId,
            email: member.email.toLowerCase(),
            ...sortValues(member),
            active_admin: isActiveAdminMember(member) ? 1 : 0,
            member_json: JSON.stringify(member),
            updated_at: at.toISOString(),
          })),
        )
        .onConflict((conflict) =>
          conflict.columns(['organization_id', 'user_id']).doUpdateSet((eb) => ({
            email: eb.ref('excluded.email'),
            status: eb.ref('excluded.status'),
            name_key: eb.ref('excluded.name_key'),
            role_key: eb.ref('excluded.role_key'),
            invited_key: eb.ref('excluded.invited_key'),
            joined_key: eb.ref('excluded.joined_key'),
            active_admin: eb.ref('excluded.active_admin'),
            member_json: eb.ref('excluded.member_json'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
      await applyDeltas(trx, organizationId, deltas);
      await replaceTerms(trx, organizationId, members);
    });
  }

  /** Removes one membership; the counts follow. */
  async remove(organizationId: string, userId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const gone = await trx
        .deleteFrom('member_index_members')
        .where('organization_id', '=', organizationId)
        .where('user_id', '=', userId)
        .returning('status')
        .executeTakeFirst();
      if (gone !== undefined) await applyDeltas(trx, organizationId, new Map([[gone.status, -1]]));
      await trx
        .deleteFrom('member_index_terms')
        .where('organization_id', '=', organizationId)
        .where('user_id', '=', userId)
        .execute();
    });
  }

  /**
   * Ends a rebuild that started at `startedAt`: rows neither seen by it nor written since are
   * memberships Scalekit no longer has. The counts are recounted once, from the rows.
   */
  async finishBuild(organizationId: string, startedAt: Date, owner: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('member_index_members')
        .where('organization_id', '=', organizationId)
        .where('updated_at', '<', startedAt.toISOString())
        .execute();
      await trx
        .deleteFrom('member_index_terms')
        .where('organization_id', '=', organizationId)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('member_index_members as m')
                .select('m.user_id')
                .where('m.organization_id', '=', organizationId)
                .whereRef('m.user_id', '=', 'member_index_terms.user_id'),
            ),
          ),
        )
        .execute();
      const rows = await trx
        .selectFrom('member_index_members')
        .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('organization_id', '=', organizationId)
        .groupBy('status')
        .execute();
      await trx
        .deleteFrom('member_index_counts')
        .where('organization_id', '=', organizationId)
        .execute();
      if (rows.length > 0) {
        await trx
          .insertInto('member_index_counts')
          .values(
            rows.map((row) => ({ organization_id: organizationId, status: row.status, n: row.n })),
          )
          .execute();
      }
      await trx
        .updateTable('member_index_organizations')
        .set({ built_at: new Date().toISOString(), claimed_by: null, claimed_until: null })
        .where('organization_id', '=', organizationId)
        .where('claimed_by', '=', owner)
        .execute();
    });
  }

  async state(organizationId: string): Promise<OrganizationIndexState | undefined> {
    const row = await this.db
      .selectFrom('member_index_organizations')
      .select('built_at')
      .where('organization_id', '=', organizationId)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    return { builtAt: row.built_at === null ? null : new Date(row.built_at) };
  }

  /**
   * Claims the rebuild of an organization for `owner` until `until`, unless another instance
   * holds an unexpired claim. True when `owner` holds it now.
   */
  async claimBuild(
    organizationId: string,
    owner: string,
    now: Date,
    until: Date,
  ): Promise<boolean> {
    await this.db
      .insertInto('member_index_organizations')
      .values({
        organization_id: organizationId,
        built_at: null,
        claimed_by: owner,
        claimed_until: until.toISOString(),
      })
      .onConflict((conflict) =>
        conflict
          .column('organization_id')
          .doUpdateSet({ claimed_by: owner, claimed_until: until.toISOString() })
          .where((eb) =>
            eb.or([
              eb('member_index_organizations.claimed_until', 'is', null),
              eb('member_index_organizations.claimed_until', '<', now.toISOString()),
            ]),
          ),
      )
      .execute();
    const row = await this.db
      .selectFrom('member_index_organizations')
      .select('claimed_by')
      .where('organization_id', '=', organizationId)
      .executeTakeFirst();
    return row?.claimed_by === owner;
  }

  /** Keeps a claim alive while its walk makes progress; false when the claim was lost. */
  async extendClaim(organizationId: string, owner: string, until: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('member_index_organizations')
      .set({ claimed_until: until.toISOString() })
      .where('organization_id', '=', organizationId)
      .where('claimed_by', '=', owner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Gives a claim back without finishing (the walk failed): another attempt may start later. */
  async releaseClaim(organizationId: string, owner: string): Promise<void> {
    await this.db
      .updateTable('member_index_organizations')
      .set({ claimed_by: null, claimed_until: null })
      .where('organization_id', '=', organizationId)
      .where('claimed_by', '=', owner)
      .execute();
  }

  async counts(organizationId: string): Promise<MemberCounts> {
    const rows = await this.db
      .selectFrom('member_index_counts')
      .select(['status', 'n'])
      .where('organization_id', '=', organizationId)
      .execute();
    const counts = emptyCounts();
    for (const row of rows) {
      const status = MemberStatusSchema.safeParse(row.status);
      const n = Number(row.n);
      if (status.success) counts[status.data] += n;
      counts.total += n;
    }
    return counts;
  }

  async page(organizationId: string, query: IndexPageQuery): Promise<IndexPage> {
    const columns = SORT_KEYS[query.sort];
    const direction = query.order;
    let select = this.db
      .selectFrom('member_index_members')
      .select(['member_json', ...columns])
      .where('organization_id', '=', organizationId);
    if (query.status !== undefined) select = select.where('status', '=', query.status);
    const after = query.after;
    if (after !== undefined) {
      const left = sql.join(columns.map((column) => sql.ref(column)));
      const right = sql.join(after.map((value) => sql`${value}`));
      select = select.where(
        direction === 'asc'
          ? sql<boolean>`(${left}) > (${right})`
          : sql<boolean>`(${left}) < (${right})`,
      );
    }
    for (const column of columns) select = select.orderBy(column, direction);
    const rows = await select.limit(query.limit + 1).execute();
    const kept = rows.slice(0, query.limit);
    const lastRow = kept.at(-1);
    const members = kept.map((row) => MemberSchema.parse(JSON.parse(row.member_json)));
    const last =
      rows.length > query.limit && lastRow !== undefined
        ? columns.map((column) => lastRow[column])
        : null;
    return { members, last };
  }

  /**
   * Members with a search term starting with `text`, in term order, each once (at its first
   * matching term): a walk along the terms index that reads a few rows per member returned.
   */
  async search(
    organizationId: string,
    query: IndexSearchQuery,
  ): Promise<{ members: Member[]; last: [string, string] | null }> {
    const high = query.text + TERM_END;
    const found: { member: Member; position: [string, string] }[] = [];
    let after = query.after;
    let exhausted = false;
    while (found.length <= query.limit && !exhausted) {
      const batch = query.limit + 1;
      let select = this.db
        .selectFrom('member_index_terms as t')
        .innerJoin('member_index_members as m', (join) =>
          join
            .onRef('m.organization_id', '=', 't.organization_id')
            .onRef('m.user_id', '=', 't.user_id'),
        )
        .select(['t.term', 't.user_id', 'm.member_json'])
        .where('t.organization_id', '=', organizationId)
        .where('t.term', '>=', query.text)
        .where('t.term', '<', high);
      if (query.status !== undefined) select = select.where('m.status', '=', query.status);
      if (after !== undefined) {
        select = select.where(sql<boolean>`(t.term, t.user_id) > (${after[0]}, ${after[1]})`);
      }
      const rows = await select.orderBy('t.term').orderBy('t.user_id').limit(batch).execute();
      exhausted = rows.length < batch;
      const lastRow = rows.at(-1);
      if (lastRow === undefined) break;
      after = [lastRow.term, lastRow.user_id];
      // A member matching through several terms is shown at the first of them only.
      const first = await this.firstTerms(
        organizationId,
        rows.map((row) => row.user_id),
        query.text,
        high,
      );
      for (const row of rows) {
        if (first.get(row.user_id) !== row.term) continue;
        found.push({
          member: MemberSchema.parse(JSON.parse(row.member_json)),
          position: [row.term, row.user_id],
        });
      }
    }
    const page = found.slice(0, query.limit);
    const lastKept = page.at(-1);
    return {
      members: page.map((entry) => entry.member),
      last: found.length > query.limit && lastKept !== undefined ? lastKept.position : null,
    };
  }

  /** The smallest term in `[low, high)` of each of `userIds`. */
  private async firstTerms(
    organizationId: string,
    userIds: readonly string[],
    low: string,
    high: string,
  ): Promise<Map<string, string>> {
    const rows = await this.db
      .selectFrom('member_index_terms')
      .select(['user_id', (eb) => eb.fn.min('term').as('term')])
      .where('organization_id', '=', organizationId)
      .where('user_id', 'in', [...new Set(userIds)])
      .where('term', '>=', low)
      .where('term', '<', high)
      .groupBy('user_id')
      .execute();
    return new Map(rows.map((row) => [row.user_id, row.term]));
  }

  /** The organizations whose index holds `userId`. */
  async organizationsOf(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('member_index_members')
      .select('organization_id')
      .where('user_id', '=', userId)
      .execute();
    return rows.map((row) => row.organization_id);
  }

  /** Members of the organization among `emails` (lower-cased), by email. */
  async byEmails(organizationId: string, emails: readonly string[]): Promise<Map<string, Member>> {
    const found = new Map<string, Member>();
    const CHUNK = 500;
    for (let from = 0; from < emails.length; from += CHUNK) {
      const rows = await this.db
        .selectFrom('member_index_members')
        .select(['email', 'member_json'])
        .where('organization_id', '=', organizationId)
        .where('email', 'in', emails.slice(from, from + CHUNK))
        .execute();
      for (const row of rows) found.set(row.email, MemberSchema.parse(JSON.parse(row.member_json)));
    }
    return found;
  }

  /** Up to `limit` user ids of active admins other than `exceptUserId`. */
  async activeAdmins(
    organizationId: string,
    exceptUserId: string,
    limit: number,
  ): Promise<string[]> {
    const rows = await this.db
      .selectFrom('member_index_members')
      .select('user_id')
      .where('organization_id', '=', organizationId)
      .where('active_admin', '=', 1)
      .where('user_id', '!=', exceptUserId)
      .orderBy('user_id')
      .limit(limit)
      .execute();
    return rows.map((row) => row.user_id);
  }
}

async function applyDeltas(
  trx: Transaction<Database>,
  organizationId: string,
  deltas: ReadonlyMap<string, number>,
): Promise<void> {
  for (const [status, delta] of deltas) {
    if (delta === 0) continue;
    await trx
      .insertInto('member_index_counts')
      .values({ organization_id: organizationId, status, n: delta })
      .onConflict((conflict) =>
        conflict
          .columns(['organization_id', 'status'])
          .doUpdateSet({ n: sql`member_index_counts.n + excluded.n` }),
      )
      .execute();
  }
}

/** Replaces the search terms of `members` with those of their current name and email. */
async function replaceTerms(
  trx: Transaction<Database>,
  organizationId: string,
  members: readonly Member[],
): Promise<void> {
  await trx
    .deleteFrom('member_index_terms')
    .where('organization_id', '=', organizationId)
    .where(
      'user_id',
      'in',
      members.map((member) => member.userId),
    )
    .execute();
  const rows = members.flatMap((member) =>
    searchTermsOf(member).map((term) => ({
      organization_id: organizationId,
      term,
      user_id: member.userId,
    })),
  );
  // Within the bind-parameter limits of both engines (three per row).
  const CHUNK = 300;
  for (let from = 0; from < rows.length; from += CHUNK) {
    await trx
      .insertInto('member_index_terms')
      .values(rows.slice(from, from + CHUNK))
      .execute();
  }
}
