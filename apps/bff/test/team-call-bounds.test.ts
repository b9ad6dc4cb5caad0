// Every team route costs the same number of Scalekit calls whatever the size of the
// organization and of the environment: counted on the wire by a proxy in front of the emulator,
// first with a small Acme, then with Acme grown by 3,000 members in an environment grown by
// 12,000 users, each route doing the same work both times.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, type ListMembersResponse, type MemberResponse } from '@app/contracts';
import type { Browser } from './support/browser.js';
import { seedOrganization, seedUsers } from './support/directory-seeder.js';
import { startStack, type Stack } from './support/harness.js';
import { ACME_ADMIN, parse, sendJson } from './team-fixtures.js';
import { startThrottlingProxy, type ThrottlingProxy } from './team-throttling-proxy.js';

const ACME = 'org_acme';
const ELSEWHERE = 'org_elsewhere';

let proxy: ThrottlingProxy;
let stack: Stack;
let admin: Browser;

beforeAll(async () => {
  proxy = await startThrottlingProxy({
    target: () => stack.emulator.port,
    message: '',
    throttle: () => false,
  });
  // No webhooks: every call the proxy sees is one a request made.
  stack = await startStack({ emulatorSettings: { issuer: proxy.url }, webhooks: false });
  seedOrganization(stack.emulator, ELSEWHERE, 'Elsewhere');
  admin = await stack.signIn(ACME_ADMIN);
});

afterAll(async () => {
  await stack?.stop();
  await proxy?.close();
});

function callsSoFar(): number {
  let total = 0;
  for (const count of proxy.forwarded.values()) total += count;
  return total;
}

/** Scalekit calls made while `work` ran. */
async function calls(work: () => Promise<unknown>): Promise<number> {
  const before = callsSoFar();
  await work();
  return callsSoFar() - before;
}

async function rebuildIndex(): Promise<void> {
  const index = stack.bff.app.memberIndex;
  index.startRebuild(ACME);
  await index.running(ACME);
}

async function expectStatus(response: Promise<{ status: number; body: string }>, status: number) {
  const answered = await response;
  expect(answered.status, answered.body).toBe(status);
  return answered;
}

/** Runs each route once on round `round`'s own seeded people; returns calls per route. */
async function measureRoutes(round: string): Promise<Record<string, number>> {
  // Material of this round, seeded without counting: 8 members of Acme (2 active, 1 pending,
  // 1 expired, twice) and 3 users of another organization.
  seedUsers(stack.emulator, 8, `r${round}`, ACME);
  seedUsers(stack.emulator, 3, `away${round}`, ELSEWHERE);
  await rebuildIndex();
  const promoted = `usr_r${round}_0`;
  await expectStatus(sendJson(admin, 'PATCH', routes.member(promoted), { role: 'admin' }), 200);

  const result: Record<string, number> = {};
  result['list first page'] = await calls(() =>
    expectStatus(admin.get(`${routes.members}?pageSize=25`), 200),
  );
  result['filter by status'] = await calls(() =>
    expectStatus(admin.get(`${routes.members}?status=pending&sort=joined&order=desc`), 200),
  );
  result.search = await calls(() =>
    expectStatus(admin.get(`${routes.members}?search=r${round}-5@`), 200),
  );
  result['search by name'] = await calls(async () => {
    const found = await expectStatus(admin.get(`${routes.members}?search=person5 r${round}`), 200);
    expect(parse<ListMembersResponse>(found).members.map((member) => member.userId)).toEqual([
      `usr_r${round}_5`,
    ]);
  });
  result['invite a user of another organization'] = await calls(() =>
    expectStatus(
      sendJson(admin, 'POST', routes.invitations, {
        email: `away${round}-0@scale.test`,
        role: 'member',
      }),
      201,
    ),
  );
  result['demote an admin'] = await calls(() =>
    expectStatus(sendJson(admin, 'PATCH', routes.member(promoted), { role: 'member' }), 200),
  );
  result['resend an invitation'] = await calls(() =>
    expectStatus(
      admin.request(routes.resendInvite(`usr_r${round}_2`), { method: 'POST', csrf: true }),
      200,
    ),
  );
  result['remove a member'] = await calls(() =>
    expectStatus(
      admin.request(routes.member(`usr_r${round}_1`), { method: 'DELETE', csrf: true }),
      200,
    ),
  );
  const csv = [
    'email',
    `new${round}-a@acme.test`,
    `new${round}-b@acme.test`,
    `new${round}-a@acme.test`,
    `r${round}-4@scale.test`,
    `r${round}-5@scale.test`,
    `away${round}-1@scale.test`,
    `away${round}-2@scale.test`,
  ].join('\n');
  result['bulk import (7 rows)'] = await calls(() =>
    expectStatus(
      admin.request(routes.bulkInvitations, {
        method: 'POST',
        csrf: true,
        headers: { 'content-type': 'text/csv' },
        body: csv,
      }),
      200,
    ),
  );
  return result;
}

describe('Scalekit calls per team request', () => {
  let small: Record<string, number>;
  let large: Record<string, number>;

  it('are few for a small organization, and lists, filters and counts cost none once indexed', async () => {
    small = await measureRoutes('1');
    expect(small).toEqual({
      'list first page': 0,
      'filter by status': 0,
      search: 0,
      'search by name': 0,
      // roles, the invitation, its role: the emulator adds an existing user at once
      'invite a user of another organization': 3,
      // member, roles, one other admin confirmed, the update, the member read back
      'demote an admin': 5,
      'resend an invitation': 3,
      'remove a member': 2,
      // roles and the seat limit once; 2 calls per new row; known members and the duplicate none
      'bulk import (7 rows)': 10,
    });
  });

  it('stay the same for an organization of 3,000 more members in an environment of 12,000 more users', async () => {
    seedUsers(stack.emulator, 3_000, 'big', ACME);
    seedUsers(stack.emulator, 9_000, 'crowd');
    large = await measureRoutes('2');
    expect(large).toEqual(small);

    const page = parse<ListMembersResponse>(await admin.get(`${routes.members}?status=pending`));
    expect(page.counts?.pending).toBeGreaterThanOrEqual(750);
    expect(page.counts?.total).toBeGreaterThan(3_000);
    expect(page.members.every((member) => member.status === 'pending')).toBe(true);
  });

  it('keeps the index in step with the app own writes, without a rebuild', async () => {
    const before = parse<ListMembersResponse>(await admin.get(`${routes.members}?status=active`));
    const removed = before.members.find((member) => member.email.startsWith('r2-'));
    expect(removed).toBeDefined();
    if (removed === undefined) return;
    const gone = await calls(() =>
      admin.request(routes.member(removed.userId), { method: 'DELETE', csrf: true }),
    );
    expect(gone).toBeLessThanOrEqual(5);
    const after = parse<ListMembersResponse>(await admin.get(`${routes.members}?status=active`));
    expect(after.counts?.active).toBe((before.counts?.active ?? 0) - 1);
    expect(after.members.some((member) => member.userId === removed.userId)).toBe(false);
    const member = parse<MemberResponse>(
      await sendJson(admin, 'POST', routes.invitations, { email: removed.email, role: 'member' }),
    ).member;
    const again = parse<ListMembersResponse>(await admin.get(`${routes.members}?status=pending`));
    expect(again.counts?.pending).toBe((after.counts?.pending ?? 0) + 1);
    expect(member.status).toBe('pending');
  });
});
