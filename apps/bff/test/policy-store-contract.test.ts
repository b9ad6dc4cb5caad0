// One contract for the invitation-policy store on both engines, an SQLite file and a real
// PostgreSQL server: policies read back as written, replace whole, and a policy change is
// written together with its audit entry or not at all.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlAuditStore } from '../src/audit/audit-store.js';
import type { AppDatabase } from '../src/db/database.js';
import { closeTestDatabases, ENGINES, openTestDatabase } from './support/database-engines.js';
import { InvitationPolicies, type SettingsActor } from '../src/policies/invitation-policies.js';
import { SqlPolicyStore } from '../src/policies/policy-store.js';

let orgCounter = 0;
const newOrg = () => `org_policy_${Date.now()}_${(orgCounter += 1)}`;

afterAll(closeTestDatabases);

// Policy changes never reach Scalekit: a gateway that answers nothing proves it.
const noScalekit = { call: () => Promise.reject(new Error('Scalekit is not asked here')) };

function actorIn(organizationId: string): SettingsActor {
  return { organizationId, userId: 'usr_admin', email: 'admin@acme.test', ip: '203.0.113.9' };
}

describe.each(ENGINES)('the invitation-policy store on %s', (engine) => {
  let database: AppDatabase;
  let store: SqlPolicyStore;
  let policies: InvitationPolicies;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    store = new SqlPolicyStore(database.db);
    policies = new InvitationPolicies({ db: database.db, gateway: noScalekit });
  });

  it('knows no policy for an organization that never set one', async () => {
    expect(await store.get(newOrg())).toBeUndefined();
  });

  it('reads a policy back as written and replaces it whole', async () => {
    const org = newOrg();
    const first = {
      policy: {
        mode: 'allowed_domains_and_exceptions' as const,
        exceptions: ['a@x.test', 'b@y.test'],
      },
      updatedAt: '2026-01-02T03:04:05.678Z',
      updatedBy: 'admin@acme.test',
    };
    await store.put(org, first);
    expect(await store.get(org)).toEqual(first);

    const second = { ...first, policy: { mode: 'anyone' as const, exceptions: [] } };
    await store.put(org, second);
    expect(await store.get(org)).toEqual(second);
  });

  it('keeps each organization to its own policy', async () => {
    const [one, two] = [newOrg(), newOrg()];
    await policies.change(actorIn(one), { mode: 'allowed_domains', exceptions: [] });
    expect((await policies.read(one)).policy.mode).toBe('allowed_domains');
    expect((await policies.read(two)).policy.mode).toBe('anyone');
  });

  it('records a policy change in the audit log with the policy before and after', async () => {
    const org = newOrg();
    await policies.change(actorIn(org), {
      mode: 'allowed_domains_and_exceptions',
      exceptions: ['Zed@Partner.test', 'amy@partner.test', 'zed@partner.test'],
    });
    const [entry] = await new SqlAuditStore(database.db).list(org, {}, { limit: 5 });
    expect(entry).toMatchObject({
      kind: 'policy.changed',
      actor: { type: 'user', userId: 'usr_admin', email: 'admin@acme.test' },
      ip: '203.0.113.9',
      policy: {
        before: null,
        after: {
          mode: 'allowed_domains_and_exceptions',
          exceptions: ['amy@partner.test', 'zed@partner.test'],
        },
      },
    });
  });

  it('writes nothing when the policy does not change', async () => {
    const org = newOrg();
    await policies.change(actorIn(org), { mode: 'allowed_domains', exceptions: [] });
    await policies.change(actorIn(org), { mode: 'allowed_domains', exceptions: [] });
    const entries = await new SqlAuditStore(database.db).list(org, {}, { limit: 5 });
    expect(entries).toHaveLength(1);
  });

  it('leaves the policy unchanged when its audit entry cannot be written', async () => {
    const org = newOrg();
    await policies.change(actorIn(org), { mode: 'allowed_domains', exceptions: [] });
    await refusePolicyAuditEntries(database);
    try {
      await expect(
        policies.change(actorIn(org), { mode: 'anyone', exceptions: [] }),
      ).rejects.toThrow();
      expect((await policies.read(org)).policy.mode).toBe('allowed_domains');
    } finally {
      await allowPolicyAuditEntries(database);
    }
  });
});

/** A trigger that makes the database refuse `policy.changed` audit entries. */
async function refusePolicyAuditEntries({ db, engine }: AppDatabase): Promise<void> {
  if (engine === 'postgres') {
    await sql`CREATE FUNCTION refuse_policy_audit() RETURNS trigger AS $$
      BEGIN IF NEW.kind = 'policy.changed' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END
      $$ LANGUAGE plpgsql`.execute(db);
    await sql`CREATE TRIGGER refuse_policy_audit BEFORE INSERT ON audit_entries
      FOR EACH ROW EXECUTE FUNCTION refuse_policy_audit()`.execute(db);
    return;
  }
  await sql`CREATE TRIGGER refuse_policy_audit BEFORE INSERT ON audit_entries
    WHEN NEW.kind = 'policy.changed' BEGIN SELECT RAISE(ABORT, 'refused'); END`.execute(db);
}

async function allowPolicyAuditEntries({ db, engine }: AppDatabase): Promise<void> {
  if (engine === 'postgres') {
    await sql`DROP TRIGGER refuse_policy_audit ON audit_entries`.execute(db);
    await sql`DROP FUNCTION refuse_policy_audit()`.execute(db);
    return;
  }
  await sql`DROP TRIGGER refuse_policy_audit`.execute(db);
}
