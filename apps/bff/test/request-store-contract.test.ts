// One contract for the approval inbox's store on both engines: an SQLite file and a real
// PostgreSQL server must file, list, claim and decide requests, keep request-to-join domains and
// single-use links the same way.
import { closeTestDatabases, ENGINES, openTestDatabase } from './support/database-engines.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRequestId } from '../src/requests/access-requests.js';
import { SqlRequestStore, type NewAccessRequest } from '../src/requests/request-store.js';

let orgCounter = 0;
const newOrg = () => `org_requests_${Date.now()}_${(orgCounter += 1)}`;
const admin = { userId: 'usr_admin', email: 'Admin@Acme.test' };

function filing(
  organizationId: string,
  overrides: Partial<NewAccessRequest> = {},
): NewAccessRequest {
  return {
    id: newRequestId(),
    organizationId,
    organizationName: 'Acme',
    kind: 'proposal',
    email: 'Ann@Acme.test',
    givenName: 'Ann',
    familyName: 'Lee',
    suggestedRole: 'member',
    note: 'Joins the design team',
    requestedByUserId: 'usr_member',
    requestedByEmail: 'Member@Acme.test',
    createdAt: new Date('2026-01-02T03:04:05.678Z'),
    ...overrides,
  };
}

afterAll(closeTestDatabases);

describe.each(ENGINES)('the request store on %s', (engine) => {
  let store: SqlRequestStore;
  beforeAll(async () => {
    store = new SqlRequestStore((await openTestDatabase(engine)).db);
  });

  it('files a pending request and reads it back with addresses lower-cased', async () => {
    const org = newOrg();
    const { request, created } = await store.create(filing(org));
    expect(created).toBe(true);
    expect(request).toMatchObject({
      kind: 'proposal',
      status: 'pending',
      email: 'ann@acme.test',
      givenName: 'Ann',
      suggestedRole: 'member',
      requestedBy: 'member@acme.test',
      requestedByUserId: 'usr_member',
      createdAt: '2026-01-02T03:04:05.678Z',
      decidedBy: null,
      role: null,
    });
    expect(await store.get(org, request.id)).toEqual(request);
  });

  it('keeps one open request per person and organization', async () => {
    const org = newOrg();
    const first = await store.create(filing(org));
    const second = await store.create(filing(org, { email: 'ANN@acme.test', kind: 'join' }));
    expect(second.created).toBe(false);
    expect(second.request.id).toBe(first.request.id);
    expect(await store.countPending(org)).toBe(1);
    // Another organization files its own.
    expect((await store.create(filing(newOrg()))).created).toBe(true);
  });

  it('never answers a request of another organization', async () => {
    const org = newOrg();
    const { request } = await store.create(filing(org));
    expect(await store.get(newOrg(), request.id)).toBeUndefined();
    expect(await store.claim(newOrg(), request.id, new Date(), new Date(Date.now() + 60_000))).toBe(
      false,
    );
  });

  it('lets only one decision claim a request, and opens it again when released', async () => {
    const org = newOrg();
    const { request } = await store.create(filing(org));
    const now = new Date();
    const until = new Date(now.getTime() + 60_000);
    expect(await store.claim(org, request.id, now, until)).toBe(true);
    expect(await store.claim(org, request.id, now, until)).toBe(false);
    expect((await store.get(org, request.id))?.status).toBe('pending');
    await store.release(org, request.id);
    expect(await store.claim(org, request.id, now, until)).toBe(true);
  });

  it('lets a claim that lapsed be taken over', async () => {
    const org = newOrg();
    const { request } = await store.create(filing(org));
    const then = new Date('2026-01-01T00:00:00Z');
    expect(await store.claim(org, request.id, then, new Date(then.getTime() + 1000))).toBe(true);
    expect(await store.claim(org, request.id, new Date(), new Date(Date.now() + 60_000))).toBe(
      true,
    );
  });

  it('records an approval with its role and a decline with its reason', async () => {
    const org = newOrg();
    const now = new Date();
    const until = new Date(now.getTime() + 60_000);
    const one = (await store.create(filing(org))).request;
    const two = (await store.create(filing(org, { email: 'bo@acme.test' }))).request;
    await store.claim(org, one.id, now, until);
    await store.claim(org, two.id, now, until);
    const approved = await store.finish(
      org,
      one.id,
      { decision: 'approve', role: 'admin' },
      admin,
      now,
    );
    const declined = await store.finish(
      org,
      two.id,
      { decision: 'decline', reason: 'Not yet' },
      admin,
      now,
    );
    expect(approved).toMatchObject({
      status: 'approved',
      role: 'admin',
      decidedBy: 'admin@acme.test',
      decidedAt: now.toISOString(),
      declineReason: null,
    });
    expect(declined).toMatchObject({ status: 'declined', role: null, declineReason: 'Not yet' });
    // Decided: nothing claims it again, and the person may be proposed anew.
    expect(await store.claim(org, one.id, now, until)).toBe(false);
    expect((await store.create(filing(org))).created).toBe(true);
  });

  it('does not finish a request that was not claimed', async () => {
    const org = newOrg();
    const { request } = await store.create(filing(org));
    const after = await store.finish(
      org,
      request.id,
      { decision: 'decline', reason: 'x' },
      admin,
      new Date(),
    );
    expect(after?.status).toBe('pending');
  });

  it('lists pending or decided requests newest first, and a member’s own only', async () => {
    const org = newOrg();
    const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
    const a = (await store.create(filing(org, { email: 'a@acme.test', createdAt: at(1) }))).request;
    const b = (
      await store.create(
        filing(org, { email: 'b@acme.test', createdAt: at(2), requestedByUserId: 'usr_other' }),
      )
    ).request;
    const c = (await store.create(filing(org, { email: 'c@acme.test', createdAt: at(3) }))).request;
    await store.claim(org, c.id, new Date(), new Date(Date.now() + 60_000));
    await store.finish(org, c.id, { decision: 'decline', reason: 'No' }, admin, new Date());

    const ids = async (status: 'pending' | 'decided' | 'all', own?: string) =>
      (await store.list(org, { status, requestedByUserId: own, limit: 10 })).map((r) => r.id);
    expect(await ids('pending')).toEqual([b.id, a.id]);
    expect(await ids('decided')).toEqual([c.id]);
    expect(await ids('all')).toEqual([c.id, b.id, a.id]);
    expect(await ids('all', 'usr_member')).toEqual([c.id, a.id]);
    expect(await store.countPending(org, 'usr_other')).toBe(1);
    expect((await store.list(org, { status: 'all', limit: 2 })).length).toBe(2);
  });

  it('finds a person’s join requests across organizations', async () => {
    const email = `joiner-${Date.now()}@initech.test`;
    await store.create(filing(newOrg(), { kind: 'join', email, requestedByUserId: null }));
    await store.create(filing(newOrg(), { kind: 'join', email, requestedByUserId: null }));
    await store.create(filing(newOrg(), { kind: 'proposal', email }));
    expect((await store.joinRequestsOf(email.toUpperCase())).map((r) => r.kind)).toEqual([
      'join',
      'join',
    ]);
  });

  it('keeps request-to-join domains per organization, adding twice once', async () => {
    const org = newOrg();
    const other = newOrg();
    const domain = `d${Date.now()}.example`;
    await store.addJoinDomain(org, domain, new Date());
    await store.addJoinDomain(org, domain.toUpperCase(), new Date());
    await store.addJoinDomain(other, domain, new Date());
    expect((await store.listJoinDomains(org)).map((d) => d.domain)).toEqual([domain]);
    expect(await store.organizationsForJoinDomain(domain)).toEqual([org, other].sort());
    expect(await store.removeJoinDomain(org, domain)).toBe(true);
    expect(await store.removeJoinDomain(org, domain)).toBe(false);
    expect(await store.organizationsForJoinDomain(domain)).toEqual([other]);
  });

  it('counts emails to an address within the window and refuses past the maximum', async () => {
    const email = `counted-${Date.now()}-${engine}@acme.test`;
    const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 10, minute));
    const since = at(0);
    expect(await store.countLinkSend(email, at(1), since, 2)).toEqual({ allowed: true });
    expect(await store.countLinkSend(email.toUpperCase(), at(2), since, 2)).toEqual({
      allowed: true,
    });
    expect(await store.countLinkSend(email, at(3), since, 2)).toEqual({
      allowed: false,
      oldestSentAt: at(1),
    });
    // An hour on, the old sends left the window.
    expect(await store.countLinkSend(email, at(59), at(2), 2)).toEqual({ allowed: true });
  });

  it('lets a link be used once', async () => {
    const id = `link-${Date.now()}-${engine}`;
    const expires = new Date(Date.now() + 60_000);
    expect(await store.useLink(id, expires, new Date())).toBe(true);
    expect(await store.useLink(id, expires, new Date())).toBe(false);
  });
});
