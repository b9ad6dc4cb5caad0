// Seat limits against the emulator: reading and changing the limit, and invites past it refused
// (single and CSV) with nothing created or emailed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sentTo } from '@app/scalekit-emulator/testing';
import {
  routes,
  type BulkInviteEvent,
  type ErrorBody,
  type ListAuditResponse,
  type SeatUsage,
} from '@app/contracts';
import type { Browser } from './support/browser.js';
import { startStack, type Stack } from './support/harness.js';
import {
  ACME_ADMIN,
  ACME_MEMBER,
  allMembers,
  invite,
  memberByEmail,
  parse,
  sendJson,
  streamBulkImport,
  uniqueEmail,
} from './team-fixtures.js';

let stack: Stack;
let admin: Browser;
let member: Browser;

beforeAll(async () => {
  stack = await startStack();
  admin = await stack.signIn(ACME_ADMIN);
  member = await stack.signIn(ACME_MEMBER);
});

afterAll(async () => {
  await stack?.stop();
});

async function seats(): Promise<SeatUsage> {
  const response = await admin.get(routes.seats);
  expect(response.status).toBe(200);
  return parse<SeatUsage>(response);
}

async function setLimit(limit: number | null): Promise<SeatUsage> {
  const response = await sendJson(admin, 'PUT', routes.seats, { limit });
  expect(response.status).toBe(200);
  return parse<SeatUsage>(response);
}

/** Lets any email Scalekit is sending arrive before asserting that none did. */
async function mailSettled(): Promise<void> {
  await stack.emulator.auth.idle();
  await new Promise((resolve) => setTimeout(resolve, 300));
}

describe('GET /api/team/seats', () => {
  it('counts active members and pending invitations, not expired ones, with no limit by default', async () => {
    const members = await allMembers(admin);
    const active = members.filter((m) => m.status === 'active').length;
    const pending = members.filter((m) => m.status === 'pending').length;

    expect(await seats()).toEqual({ limit: null, used: active + pending, active, pending });
  });

  it('is for admins only', async () => {
    expect((await member.get(routes.seats)).status).toBe(403);
  });
});

describe('PUT /api/team/seats', () => {
  it('sets the limit, reads it back, clears it with null, and records each change', async () => {
    const set = await setLimit(40);
    expect(set.limit).toBe(40);
    expect((await seats()).limit).toBe(40);
    expect((await setLimit(null)).limit).toBeNull();

    const response = await admin.get(`${routes.audit}?kind=seats.limit_changed`);
    const entries = parse<ListAuditResponse>(response).entries;
    expect(entries.slice(0, 2).map((entry) => entry.seatLimit)).toEqual([
      { before: 40, after: null },
      { before: null, after: 40 },
    ]);
    expect(entries[0]).toMatchObject({
      kind: 'seats.limit_changed',
      actor: { type: 'user', email: ACME_ADMIN },
    });
  });

  it('refuses a member with 403 and leaves the limit alone', async () => {
    const before = (await seats()).limit;
    const response = await sendJson(member, 'PUT', routes.seats, { limit: 1 });
    expect(response.status).toBe(403);
    expect((await seats()).limit).toBe(before);
  });

  it('refuses a write without the CSRF header', async () => {
    const response = await admin.request(routes.seats, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ limit: 5 }),
    });
    expect(response.status).toBe(403);
    expect(parse<ErrorBody>(response).code).toBe('csrf_rejected');
  });

  it.each([
    ['zero', { limit: 0 }],
    ['a negative limit', { limit: -3 }],
    ['a fraction', { limit: 2.5 }],
    ['an absurd limit', { limit: 10_000_000 }],
    ['a string', { limit: '25' }],
    ['no limit field', {}],
  ])('refuses %s with 422 validation_failed', async (_name, body) => {
    const response = await sendJson(admin, 'PUT', routes.seats, body);
    expect(response.status).toBe(422);
    expect(parse<ErrorBody>(response)).toMatchObject({
      code: 'validation_failed',
      message: expect.any(String) as unknown,
    });
  });

  it('refuses every generated bad body with a {code, message} 4xx and changes nothing', async () => {
    await setLimit(null);
    const badLimit = fc.oneof(
      fc.integer({ min: -1_000_000, max: 0 }),
      fc.integer({ min: 100_001, max: 2_000_000_000 }),
      fc.double({ noInteger: true, noNaN: true }),
      fc.string(),
      fc.boolean(),
      fc.array(fc.integer(), { maxLength: 3 }),
    );
    const badBody = fc.oneof(
      badLimit.map((limit) => JSON.stringify({ limit })),
      fc.constantFrom('', 'null', '[]', '{"limit":', '{"limit":5,"extra":1}'),
    );
    await fc.assert(
      fc.asyncProperty(badBody, async (body) => {
        const response = await admin.request(routes.seats, {
          method: 'PUT',
          csrf: true,
          headers: { 'content-type': 'application/json' },
          body,
        });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        const error = parse<ErrorBody>(response);
        expect(typeof error.code).toBe('string');
        expect(typeof error.message).toBe('string');
      }),
      { seed: 20261130, numRuns: 50, interruptAfterTimeLimit: 20_000 },
    );
    expect((await seats()).limit).toBeNull();
  });
});

describe('inviting at the seat limit', () => {
  it('refuses a single invite with seat_limit_reached, creating and emailing nothing, until the limit is raised', async () => {
    const usage = await setLimit((await seats()).used);
    const email = uniqueEmail('seatless');

    const refused = await invite(admin, email);

    expect(refused.status).toBe(409);
    expect(parse<ErrorBody>(refused)).toEqual({
      code: 'seat_limit_reached',
      message: `All ${usage.used} seats are taken (${usage.pending} pending). Raise the limit or remove someone first.`,
    });
    await mailSettled();
    expect(stack.mailbox.messages.filter(sentTo(email))).toEqual([]);
    expect(await memberByEmail(admin, email)).toBeUndefined();

    await setLimit(usage.used + 1);
    expect((await invite(admin, email)).status).toBe(201);
    await stack.mailbox.waitFor(sentTo(email), 10_000);
    expect(await seats()).toMatchObject({ used: usage.used + 1, pending: usage.pending + 1 });
    await setLimit(null);
  });

  it('invites the CSV rows that fit and refuses each row past the limit with the reason', async () => {
    const usage = await setLimit((await seats()).used + 1);
    const [first, second, third] = [uniqueEmail('fits'), uniqueEmail('over'), uniqueEmail('over')];
    const csv = `email\n${first}\n${second}\n${ACME_MEMBER}\n${third}\n`;

    const events = await streamBulkImport(stack.bff.url, admin, csv, () => undefined);

    const rows = new Map(
      events
        .filter((event): event is Extract<BulkInviteEvent, { type: 'row' }> => event.type === 'row')
        .map((event) => [event.email, event]),
    );
    expect(rows.get(first)?.outcome).toBe('invited');
    expect(rows.get(ACME_MEMBER)?.outcome).toBe('already_member');
    const full = `All ${usage.limit ?? 0} seats are taken (${usage.pending + 1} pending). Raise the limit or remove someone first.`;
    for (const refused of [second, third]) {
      expect(rows.get(refused)).toMatchObject({ outcome: 'rejected', reason: full });
    }
    await stack.mailbox.waitFor(sentTo(first), 10_000);
    await mailSettled();
    expect(
      stack.mailbox.messages.filter((mail) => sentTo(second)(mail) || sentTo(third)(mail)),
    ).toEqual([]);
    const after = await allMembers(admin);
    expect(after.map((m) => m.email)).not.toContain(second);
    expect(after.map((m) => m.email)).not.toContain(third);
    await setLimit(null);
  });
});
