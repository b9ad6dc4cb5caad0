// The member index's search terms on both engines (SQLite and a real PostgreSQL server): names
// and emails found by the start of their words in byte order whatever the database's collation,
// terms following renames and removals, a rebuild pruning the terms of members Scalekit no
// longer has, and the organizations a user is indexed in.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '@app/contracts';
import { openDatabase, type AppDatabase } from '../src/db/database.js';
import { MemberIndexStore } from '../src/member-index/member-index-store.js';
import { searchKey, searchTermsOf } from '../src/member-index/search-terms.js';
import { createPostgresDatabase } from './support/postgres.js';

let orgCounter = 0;
const newOrg = () => `org_search_${Date.now()}_${(orgCounter += 1)}`;

function member(userId: string, name: string, email: string): Member {
  return {
    userId,
    email,
    name,
    givenName: '',
    familyName: '',
    roles: ['member'],
    status: 'active',
    emailVerified: true,
    invitedBy: null,
    invitedAt: null,
    acceptedAt: null,
    expiresAt: null,
    externalId: null,
    metadata: {},
  };
}

const cleanups: (() => Promise<void>)[] = [];
const engines: Record<string, () => Promise<AppDatabase>> = {
  async sqlite() {
    const dir = mkdtempSync(path.join(tmpdir(), 'bff-sqlite-'));
    const database = await openDatabase({ engine: 'sqlite', file: path.join(dir, 'app.sqlite') });
    cleanups.push(async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return database;
  },
  async postgres() {
    const created = await createPostgresDatabase();
    const database = await openDatabase({ engine: 'postgres', url: created.url });
    cleanups.push(async () => {
      await database.close();
      await created.drop();
    });
    return database;
  },
};

afterAll(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Every page of a search, two members at a time. */
async function searchAll(store: MemberIndexStore, org: string, text: string): Promise<string[]> {
  const found: string[] = [];
  let after: [string, string] | undefined;
  for (;;) {
    const page = await store.search(org, { text: searchKey(text), limit: 2, after });
    found.push(...page.members.map((row) => row.userId));
    if (page.last === null) return found;
    after = page.last;
  }
}

describe('search terms', () => {
  it('are the tails of the name and the email that start at a word, lower-cased', () => {
    expect(searchTermsOf({ name: 'Ada  King Lovelace', email: 'Ada.K+x@Acme.test' })).toEqual([
      'ada king lovelace',
      'king lovelace',
      'lovelace',
      'ada.k+x@acme.test',
      'k+x@acme.test',
      'x@acme.test',
      'acme.test',
      'test',
    ]);
  });

  it('always include the whole name and email, and only their tails (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (name, email) => {
        const terms = searchTermsOf({ name, email });
        for (const whole of [searchKey(name), searchKey(email)]) {
          if (whole !== '') expect(terms).toContain(whole);
        }
        for (const term of terms) {
          expect(searchKey(name).endsWith(term) || searchKey(email).endsWith(term)).toBe(true);
        }
        expect(new Set(terms).size).toBe(terms.length);
      }),
      { seed: 50, numRuns: 300 },
    );
  });
});

describe.each(Object.keys(engines))('the member index search on %s', (engine) => {
  let store: MemberIndexStore;
  beforeAll(async () => {
    const open = engines[engine];
    if (open === undefined) throw new Error(engine);
    store = new MemberIndexStore((await open()).db);
  });

  it('finds members by the start of a word of their name or email, each once, in pages', async () => {
    const org = newOrg();
    await store.upsert(
      org,
      [
        member('usr_1', 'Ada Lovelace', 'ada@acme.test'),
        member('usr_2', 'Alan Turing', 'alan@acme.test'),
        member('usr_3', 'Åsa Ådahl', 'asa@acme.test'),
        member('usr_4', '', 'adam.smith@acme.test'),
        member('usr_5', 'Grace Hopper', 'grace@navy.test'),
      ],
      new Date(),
    );
    expect((await searchAll(store, org, 'ada')).sort()).toEqual(['usr_1', 'usr_4']);
    expect(await searchAll(store, org, 'LOVE')).toEqual(['usr_1']);
    expect(await searchAll(store, org, 'smith@')).toEqual(['usr_4']);
    expect(await searchAll(store, org, 'ådahl')).toEqual(['usr_3']);
    expect(await searchAll(store, org, 'ovelace')).toEqual([]);
    expect((await searchAll(store, org, 'acme.test')).sort()).toEqual([
      'usr_1',
      'usr_2',
      'usr_3',
      'usr_4',
    ]);
  });

  it('follows a rename and a removal, and a rebuild prunes the terms of members gone', async () => {
    const org = newOrg();
    const start = new Date(Date.now() - 60_000);
    await store.upsert(org, [member('usr_a', 'Old Name', 'a@acme.test')], start);
    await store.upsert(org, [member('usr_b', 'Bea Gone', 'b@acme.test')], start);
    await store.upsert(org, [member('usr_c', 'Cy Removed', 'c@acme.test')], new Date());
    await store.upsert(org, [member('usr_a', 'New Name', 'a@acme.test')], new Date());
    await store.remove(org, 'usr_c');
    expect(await searchAll(store, org, 'old')).toEqual([]);
    expect(await searchAll(store, org, 'new name')).toEqual(['usr_a']);
    expect(await searchAll(store, org, 'cy')).toEqual([]);

    expect(await store.claimBuild(org, 'me', new Date(), new Date(Date.now() + 60_000))).toBe(true);
    await store.finishBuild(org, new Date(Date.now() - 30_000), 'me');
    expect(await searchAll(store, org, 'bea')).toEqual([]);
    expect(await searchAll(store, org, 'new')).toEqual(['usr_a']);
  });

  it('knows the organizations a user is indexed in', async () => {
    const [first, second] = [newOrg(), newOrg()];
    await store.upsert(first, [member('usr_both', 'Both', 'both@acme.test')], new Date());
    await store.upsert(second, [member('usr_both', 'Both', 'both@acme.test')], new Date());
    expect((await store.organizationsOf('usr_both')).sort()).toEqual([first, second].sort());
  });
});
