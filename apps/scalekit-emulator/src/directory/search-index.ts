// The search indexes behind the search RPCs: FTS5 tables with the trigram tokenizer (case-
// insensitive substring matching) over users (email, id, external id) and organizations
// (name, id, external id), kept in step with their tables by triggers.
import type Database from 'better-sqlite3';
import { prepared } from '../auth/statements.js';
import type { MembershipRow, OrganizationRow, UserRow } from './rows.js';

interface IndexSpec {
  index: string;
  table: string;
  columns: string[];
}

const INDEXES: IndexSpec[] = [
  { index: 'users_search', table: 'users', columns: ['email', 'id', 'external_id'] },
  {
    index: 'organizations_search',
    table: 'organizations',
    columns: ['display_name', 'id', 'external_id'],
  },
];

export function migrateSearchIndexes(db: Database.Database): void {
  for (const spec of INDEXES) migrateIndex(db, spec);
}

function migrateIndex(db: Database.Database, { index, table, columns }: IndexSpec): void {
  const exists =
    db
      .prepare<[string], { n: number }>(
        "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?",
      )
      .get(index)?.n === 1;
  if (exists) return;
  const list = columns.join(', ');
  const fresh = columns.map((column) => `new.${column}`).join(', ');
  const old = columns.map((column) => `old.${column}`).join(', ');
  db.exec(`
    CREATE VIRTUAL TABLE ${index} USING fts5(${list}, content='${table}', content_rowid='seq',
      tokenize='trigram');
    CREATE TRIGGER ${index}_insert AFTER INSERT ON ${table} BEGIN
      INSERT INTO ${index} (rowid, ${list}) VALUES (new.seq, ${fresh});
    END;
    CREATE TRIGGER ${index}_delete AFTER DELETE ON ${table} BEGIN
      INSERT INTO ${index} (${index}, rowid, ${list}) VALUES ('delete', old.seq, ${old});
    END;
    CREATE TRIGGER ${index}_update AFTER UPDATE OF ${list} ON ${table} BEGIN
      INSERT INTO ${index} (${index}, rowid, ${list}) VALUES ('delete', old.seq, ${old});
      INSERT INTO ${index} (rowid, ${list}) VALUES (new.seq, ${fresh});
    END;
    -- A data directory from before search existed: index the rows it already holds.
    INSERT INTO ${index} (${index}) VALUES ('rebuild');
  `);
}

/** The query as one FTS5 phrase: matches it as a substring, whatever characters it holds. */
export function substringMatch(query: string): string {
  return `"${query.replaceAll('"', '""')}"`;
}

export interface Matches<R> {
  rows: R[]; // up to limit + 1, in creation order, after the cursor
  total: number;
}

/** How many (scope, query) totals are kept before the cache starts over. */
const MAX_CACHED_TOTALS = 1_000;

/** Reads the indexes; every match is resolved through the index, never by scanning a table. */
export class SearchIndex {
  // Counting every match of a broad query (10,000 members match "tenk.bench") costs far more
  // than reading one page of them. A total stays valid until the next write on this connection
  // (the emulator's only one), so paging through a search, or repeating it, counts once.
  private readonly totals = new Map<string, number>();
  private totalsAsOf = -1;

  constructor(private readonly db: Database.Database) {}

  users(query: string, afterSeq: number, limit: number): Matches<UserRow> {
    return this.rowsOf('users', query, afterSeq, limit);
  }

  /** Members of one organization whose user matches, in the users' creation order. */
  organizationMembers(
    organizationId: string,
    query: string,
    afterSeq: number,
    limit: number,
  ): Matches<MembershipRow & { user_seq: number }> {
    const params = { match: substringMatch(query), after: afterSeq, limit, org: organizationId };
    const from = `FROM users_search f JOIN users u ON u.seq = f.rowid
      JOIN memberships m ON m.organization_id = @org AND m.user_id = u.id
      WHERE users_search MATCH @match`;
    return {
      rows: this.all(
        `SELECT m.*, f.rowid AS user_seq ${from} AND f.rowid > @after ORDER BY f.rowid LIMIT @limit`,
        params,
      ),
      total: this.count(`SELECT COUNT(*) AS n ${from}`, params, `members:${organizationId}`, query),
    };
  }

  organizations(query: string, afterSeq: number, limit: number): Matches<OrganizationRow> {
    return this.rowsOf('organizations', query, afterSeq, limit);
  }

  private rowsOf<R>(
    table: 'users' | 'organizations',
    query: string,
    afterSeq: number,
    limit: number,
  ): Matches<R> {
    const index = `${table}_search`;
    const params = { match: substringMatch(query), after: afterSeq, limit };
    return {
      rows: this.all<R>(
        `SELECT t.* FROM ${index} f JOIN ${table} t ON t.seq = f.rowid
           WHERE ${index} MATCH @match AND f.rowid > @after ORDER BY f.rowid LIMIT @limit`,
        params,
      ),
      total: this.count(
        `SELECT COUNT(*) AS n FROM ${index} WHERE ${index} MATCH @match`,
        params,
        table,
        query,
      ),
    };
  }

  private all<R>(source: string, params: Record<string, unknown>): R[] {
    return prepared(this.db, source).all(params) as R[];
  }

  private count(
    source: string,
    params: Record<string, unknown>,
    scope: string,
    query: string,
  ): number {
    const writes = (
      prepared(this.db, 'SELECT total_changes() AS n').get() as { n: number } | undefined
    )?.n;
    if (writes !== this.totalsAsOf || this.totals.size >= MAX_CACHED_TOTALS) {
      this.totals.clear();
      this.totalsAsOf = writes ?? -1;
    }
    const key = `${scope}\n${query}`;
    let total = this.totals.get(key);
    if (total === undefined) {
      total = (prepared(this.db, source).get(params) as { n: number } | undefined)?.n ?? 0;
      this.totals.set(key, total);
    }
    return total;
  }
}
