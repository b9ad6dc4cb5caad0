// One contract for the audit store on both engines: an SQLite file and a real PostgreSQL
// server must append, filter, page and refuse changes to the log the same way.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { closeTestDatabases, ENGINES, openTestDatabase } from './support/database-engines.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditMemberState } from '@app/contracts';
import { SqlAuditStore, type NewAuditEntry } from '../src/audit/audit-store.js';
import { openDatabase, type AppDatabase } from '../src/db/database.js';

const pending: AuditMemberState = { status: 'pending', roles: ['member'] };
const active: AuditMemberState = { status: 'active', roles: ['member'] };
let orgCounter = 0;
const newOrg = () => `org_contract_${Date.now()}_${(orgCounter += 1)}`;

function entry(organizationId: string, overrides: Partial<NewAuditEntry> = {}): NewAuditEntry {
  return {
    organizationId,
    occurredAt: new Date('2026-01-02T03:04:05.678Z'),
    kind: 'member.invited',
    source: 'ui',
    actor: { type: 'user', userId: 'usr_admin', email: 'Admin@Acme.test' },
    ip: '203.0.113.7',
    member: { userId: 'usr_ann', email: 'ann@acme.test' },
    before: null,
    after: pending,
    ...overrides,
  };
}

afterAll(closeTestDatabases);

describe.each(ENGINES)('the audit store on %s', (engine) => {
  let database: AppDatabase;
  let store: SqlAuditStore;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    store = new SqlAuditStore(database.db);
  });

  it('returns what it appended, with emails lower-cased', async () => {
    const org = newOrg();
    expect(await store.append(entry(org))).toBe(true);
    const [read] = await store.list(org, {}, { limit: 10 });
    expect(read).toMatchObject({
      occurredAt: '2026-01-02T03:04:05.678Z',
      kind: 'member.invited',
      source: 'ui',
      actor: { type: 'user', userId: 'usr_admin', email: 'admin@acme.test' },
      ip: '203.0.113.7',
      member: { userId: 'usr_ann', email: 'ann@acme.test' },
      before: null,
      after: pending,
    });
    expect(read?.id).toMatch(/^\d+$/);
  });

  it("keeps each organization's entries to itself", async () => {
    const [acme, globex] = [newOrg(), newOrg()];
    await store.append(entry(acme));
    await store.append(entry(globex, { kind: 'member.removed' }));
    expect((await store.list(acme, {}, { limit: 10 })).map((e) => e.kind)).toEqual([
      'member.invited',
    ]);
  });

  it('lists newest first and pages with the last id seen', async () => {
    const org = newOrg();
    for (const email of ['a@x.test', 'b@x.test', 'c@x.test']) {
      await store.append(entry(org, { member: { userId: null, email } }));
    }
    const first = await store.list(org, {}, { limit: 2 });
    expect(first.map((e) => e.member.email)).toEqual(['c@x.test', 'b@x.test']);
    const rest = await store.list(org, {}, { limit: 2, beforeId: Number(first[1]?.id) });
    expect(rest.map((e) => e.member.email)).toEqual(['a@x.test']);
  });

  it('filters by actor, member (id or email), kind and a half-open time range', async () => {
    const org = newOrg();
    const bob = { type: 'user', userId: 'usr_bob', email: 'bob@acme.test' } as const;
    await store.append(entry(org, { occurredAt: new Date('2026-03-01T00:00:00.000Z') }));
    await store.append(
      entry(org, {
        actor: bob,
        kind: 'member.role_changed',
        before: active,
        after: { status: 'active', roles: ['admin'] },
        occurredAt: new Date('2026-03-02T00:00:00.000Z'),
      }),
    );
    await store.append(
      entry(org, {
        member: { userId: 'usr_cid', email: 'cid@acme.test' },
        occurredAt: new Date('2026-03-03T00:00:00.000Z'),
      }),
    );
    const kinds = async (filter: Parameters<SqlAuditStore['list']>[1]) =>
      (await store.list(org, filter, { limit: 10 })).map((e) => e.occurredAt.slice(0, 10));
    expect(await kinds({ actor: 'usr_bob' })).toEqual(['2026-03-02']);
    expect(await kinds({ actor: 'BOB@acme.test' })).toEqual(['2026-03-02']);
    expect(await kinds({ member: 'usr_cid' })).toEqual(['2026-03-03']);
    expect(await kinds({ member: 'cid@acme.test' })).toEqual(['2026-03-03']);
    expect(await kinds({ kind: 'member.role_changed' })).toEqual(['2026-03-02']);
    expect(
      await kinds({ from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' }),
    ).toEqual(['2026-03-02']);
  });

  it('writes an entry for a webhook delivery once, however often it is delivered', async () => {
    const org = newOrg();
    const fromWebhook = entry(org, {
      source: 'scalekit_webhook',
      actor: { type: 'scalekit' },
      eventId: `evt_${org}`,
    });
    expect(await store.append(fromWebhook)).toBe(true);
    expect(await store.append(fromWebhook)).toBe(false);
    const entries = await store.list(org, {}, { limit: 10 });
    expect(entries).toHaveLength(1);
    expect(entries[0]?.actor).toEqual({ type: 'scalekit' });
  });

  it('refuses to update or delete an entry, even with plain SQL', async () => {
    const org = newOrg();
    await store.append(entry(org));
    await expect(
      sql`UPDATE audit_entries SET kind = 'member.removed' WHERE organization_id = ${org}`.execute(
        database.db,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`DELETE FROM audit_entries WHERE organization_id = ${org}`.execute(database.db),
    ).rejects.toThrow(/append-only/);
    expect(await store.list(org, {}, { limit: 10 })).toHaveLength(1);
  });

  it('finds the newest entry about a member', async () => {
    const org = newOrg();
    await store.append(entry(org));
    await store.append(entry(org, { kind: 'member.joined', before: pending, after: active }));
    expect((await store.latestAbout(org, 'usr_ann'))?.kind).toBe('member.joined');
    expect(await store.latestAbout(org, 'usr_nobody')).toBeUndefined();
  });

  it('knows which changes the app is making, until they expire', async () => {
    const org = newOrg();
    const now = new Date();
    await store.expectChange(org, 'Ann@Acme.test', 'invite', new Date(now.getTime() + 60_000));
    expect(await store.isExpected(org, 'ann@acme.test', ['invite', 'resend'], now)).toBe(true);
    expect(await store.isExpected(org, 'ann@acme.test', ['remove'], now)).toBe(false);
    expect(await store.isExpected(newOrg(), 'ann@acme.test', ['invite'], now)).toBe(false);
    const later = new Date(now.getTime() + 61_000);
    expect(await store.isExpected(org, 'ann@acme.test', ['invite'], later)).toBe(false);
  });
});

describe('migrations', () => {
  it('run once: opening an up-to-date database again changes nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bff-sqlite-'));
    const file = path.join(dir, 'app.sqlite');
    try {
      const first = await openDatabase({ engine: 'sqlite', file });
      await new SqlAuditStore(first.db).append(entry('org_reopen'));
      await first.close();
      const second = await openDatabase({ engine: 'sqlite', file });
      expect(await new SqlAuditStore(second.db).list('org_reopen', {}, { limit: 5 })).toHaveLength(
        1,
      );
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
