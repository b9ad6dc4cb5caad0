// Bulk invitations from CSV through the BFF against the emulator: the exact per-row report,
// progress, duplicates, idempotent re-runs and the limits that refuse a file whole.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitationTo } from '@app/scalekit-emulator/testing';
import {
  BULK_INVITE_MAX_BYTES,
  BULK_INVITE_MAX_ROWS,
  routes,
  type BulkInviteEvent,
  type ErrorBody,
} from '@app/contracts';
import type { Browser, RecordedResponse } from './support/browser.js';
import { startStack, type Stack } from './support/harness.js';
import {
  ACME_ADMIN,
  ACME_MEMBER,
  allMembers,
  memberByEmail,
  ndjson,
  parse,
  uniqueEmail,
} from './team-fixtures.js';

let stack: Stack;
let admin: Browser;

beforeAll(async () => {
  stack = await startStack();
  admin = await stack.signIn(ACME_ADMIN);
});

afterAll(async () => {
  await stack?.stop();
});

function uploadCsv(browser: Browser, csv: string, query = ''): Promise<RecordedResponse> {
  return browser.request(`${routes.bulkInvitations}${query}`, {
    method: 'POST',
    csrf: true,
    headers: { 'content-type': 'text/csv' },
    body: csv,
  });
}

type RowEvent = Extract<BulkInviteEvent, { type: 'row' }>;
const rowsOf = (events: BulkInviteEvent[]) =>
  events.filter((event): event is RowEvent => event.type === 'row');
const byLine = (events: BulkInviteEvent[]) =>
  Object.fromEntries(
    rowsOf(events).map((row) => [row.line, { outcome: row.outcome, reason: row.reason }]),
  );

describe('POST /api/team/invitations/bulk', () => {
  const good1 = uniqueEmail('bulk-good');
  const good2 = uniqueEmail('bulk-good');
  const unknownRole = uniqueEmail('bulk-role');
  const csv = [
    'Email,First Name,Last Name,Role',
    `${good1},Gina,Good,`,
    `${good2},,,admin`,
    'not-an-email,Bad,Row,',
    `${unknownRole},,,owner`,
    '',
    `${good1.toUpperCase()},Again,,`,
    `${ACME_MEMBER},,,`,
  ].join('\r\n');

  it('reports every row exactly: invited, rejected with a reason, duplicates and members as already_member', async () => {
    const response = await uploadCsv(admin, csv);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/x-ndjson');
    const events = ndjson(response.body);
    expect(events[0]).toEqual({ type: 'started', total: 6 });
    expect(events.at(-1)).toEqual({
      type: 'finished',
      total: 6,
      invited: 2,
      alreadyMember: 2,
      rejected: 2,
      notAttempted: 0,
      interrupted: null,
    });
    expect(rowsOf(events).map((row) => row.done)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rowsOf(events).every((row) => row.total === 6)).toBe(true);
    const lines = byLine(events);
    expect(lines[2]?.outcome).toBe('invited');
    expect(lines[3]?.outcome).toBe('invited');
    expect(lines[4]).toMatchObject({
      outcome: 'rejected',
      reason: expect.stringMatching(/email/i) as unknown,
    });
    expect(lines[5]).toMatchObject({
      outcome: 'rejected',
      reason: expect.stringContaining('owner') as unknown,
    });
    expect(lines[7]).toEqual({ outcome: 'already_member', reason: 'Duplicate of line 2.' });
    expect(lines[8]).toEqual({ outcome: 'already_member', reason: 'Already a member.' });

    expect(await memberByEmail(admin, good1)).toMatchObject({
      status: 'pending',
      roles: ['member'],
      givenName: 'Gina',
    });
    expect(await memberByEmail(admin, good2)).toMatchObject({
      status: 'pending',
      roles: ['admin'],
    });
    expect(await memberByEmail(admin, unknownRole)).toBeUndefined();
    await stack.mailbox.waitFor(invitationTo(good1), 10_000);
    await stack.mailbox.waitFor(invitationTo(good2), 10_000);
  });

  it('invites nobody twice when the same file is sent again', async () => {
    const before = (await allMembers(admin)).length;

    const events = ndjson((await uploadCsv(admin, csv)).body);

    expect(events.at(-1)).toEqual({
      type: 'finished',
      total: 6,
      invited: 0,
      alreadyMember: 4,
      rejected: 2,
      notAttempted: 0,
      interrupted: null,
    });
    const lines = byLine(events);
    expect(lines[2]).toMatchObject({
      outcome: 'already_member',
      reason: expect.stringContaining('pending') as unknown,
    });
    expect(lines[3]?.outcome).toBe('already_member');
    expect((await allMembers(admin)).length).toBe(before);
    expect(stack.mailbox.messages.filter(invitationTo(good1))).toHaveLength(1);
  });

  it('invites a larger file with bounded concurrency, losing no row', async () => {
    const emails = Array.from({ length: 40 }, () => uniqueEmail('bulk-many'));
    const response = await uploadCsv(admin, ['email', ...emails].join('\n'), '?defaultRole=member');

    const events = ndjson(response.body);
    const rows = rowsOf(events);
    expect(rows).toHaveLength(40);
    expect(new Set(rows.map((row) => row.line)).size).toBe(40);
    expect(rows.every((row) => row.outcome === 'invited')).toBe(true);
    expect(rows.map((row) => row.done)).toEqual(
      Array.from({ length: 40 }, (_, index) => index + 1),
    );
    const pending = new Set(
      (await allMembers(admin, 'search=bulk-many')).map((member) => member.email),
    );
    expect(emails.every((email) => pending.has(email))).toBe(true);
  });

  it(`refuses more than ${BULK_INVITE_MAX_ROWS} rows with 413 before inviting anyone`, async () => {
    const emails = Array.from(
      { length: BULK_INVITE_MAX_ROWS + 1 },
      (_, index) => `toomany-${index}@acme.test`,
    );

    const response = await uploadCsv(admin, ['email', ...emails].join('\n'));

    expect(response.status).toBe(413);
    expect(parse<ErrorBody>(response).code).toBe('payload_too_large');
    expect(await allMembers(admin, 'search=toomany-')).toEqual([]);
  });

  it('refuses a body over the byte cap with 413', async () => {
    const csv = `email,note\nbig@acme.test,${'x'.repeat(BULK_INVITE_MAX_BYTES)}\n`;
    const response = await uploadCsv(admin, csv);
    expect(response.status).toBe(413);
    expect(await memberByEmail(admin, 'big@acme.test')).toBeUndefined();
  });

  it('refuses a file without an email column, and an unknown default role, with 422', async () => {
    const noEmail = await uploadCsv(admin, 'name,role\nSomeone,member\n');
    const badDefault = await uploadCsv(
      admin,
      `email\n${uniqueEmail('bulk-default')}\n`,
      '?defaultRole=owner',
    );

    expect(noEmail.status).toBe(422);
    expect(parse<ErrorBody>(noEmail).code).toBe('validation_failed');
    expect(badDefault.status).toBe(422);
  });

  it('refuses a member who is not an admin with 403, inviting nobody', async () => {
    const member = await stack.signIn(ACME_MEMBER);
    const email = uniqueEmail('bulk-member');

    const response = await uploadCsv(member, `email\n${email}\n`);

    expect(response.status).toBe(403);
    expect(await memberByEmail(admin, email)).toBeUndefined();
  });
});
