// External ids and metadata on invitations: given on the invite, kept at Scalekit, shown on the
// member, found again with one direct lookup (`?externalId=`) or a search, and checked against
// Scalekit's limits before anything is created.
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  routes,
  type BulkInvitePreviewResponse,
  type ErrorBody,
  type ListMembersResponse,
  type MemberResponse,
} from '@app/contracts';
import type { Browser } from './support/browser.js';
import { startStack, type Stack } from './support/harness.js';
import {
  ACME_ADMIN,
  GLOBEX_ADMIN,
  memberByEmail,
  parse,
  sendJson,
  streamBulkImport,
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

let sequence = 0;
const uniqueExternalId = () => `crm-user-${Date.now()}-${(sequence += 1)}`;

async function lookup(browser: Browser, externalId: string): Promise<ListMembersResponse> {
  const response = await browser.get(
    `${routes.members}?externalId=${encodeURIComponent(externalId)}`,
  );
  expect(response.status).toBe(200);
  return parse<ListMembersResponse>(response);
}

describe('external ids and metadata on an invitation', () => {
  it('keeps them on the member, who is then found by the external id with one lookup', async () => {
    const email = uniqueEmail('crm');
    const externalId = uniqueExternalId();
    const response = await sendJson(admin, 'POST', routes.invitations, {
      email,
      role: 'member',
      externalId,
      metadata: { department: 'Sales', cost_center: 'CC-42' },
    });
    expect(response.status).toBe(201);
    const { member } = parse<MemberResponse>(response);
    expect(member).toMatchObject({
      email,
      externalId,
      metadata: { department: 'Sales', cost_center: 'CC-42' },
    });

    const found = await lookup(admin, externalId);
    expect(found).toEqual({ members: [member], nextPageToken: null });
    expect(await memberByEmail(admin, email)).toMatchObject({
      externalId,
      metadata: member.metadata,
    });
  });

  it('finds a member by part of their external id in the search', async () => {
    const email = uniqueEmail('searchable');
    const externalId = uniqueExternalId();
    expect(
      (await sendJson(admin, 'POST', routes.invitations, { email, role: 'member', externalId }))
        .status,
    ).toBe(201);
    const response = await admin.get(
      `${routes.members}?search=${encodeURIComponent(externalId.slice(-12))}`,
    );
    expect(parse<ListMembersResponse>(response).members.map((item) => item.email)).toContain(email);
  });

  it('answers no member for an external id nobody in the organization has', async () => {
    expect(await lookup(admin, uniqueExternalId())).toEqual({ members: [], nextPageToken: null });
  });

  it("does not show another organization's member to a lookup", async () => {
    const externalId = uniqueExternalId();
    await sendJson(admin, 'POST', routes.invitations, {
      email: uniqueEmail('private'),
      role: 'member',
      externalId,
    });
    const globex = await stack.signIn(GLOBEX_ADMIN);
    expect((await lookup(globex, externalId)).members).toEqual([]);
  });

  it.each([
    [{ metadata: { ab: 'x' } }, 'Metadata key "ab" must have 3 to 25 characters'],
    [
      { metadata: { department: 'x'.repeat(257) } },
      'Metadata value of "department" must have 1 to 256 characters',
    ],
    [
      { metadata: { department: '' } },
      'Metadata value of "department" must have 1 to 256 characters',
    ],
    [{ metadata: { invited_by: 'someone@acme.test' } }, 'Metadata key "invited_by" is reserved'],
    [
      { metadata: { 'has space': 'x' } },
      'Metadata key number 1 may hold only letters, digits, _ . and -',
    ],
    [{ externalId: 'x'.repeat(256) }, 'An external id has at most 255 characters'],
  ])('refuses %j up front with "%s", and invites nobody', async (extra, message) => {
    const email = uniqueEmail('refused');
    const response = await sendJson(admin, 'POST', routes.invitations, {
      email,
      role: 'member',
      ...extra,
    });
    expect(response.status).toBe(422);
    const body = parse<ErrorBody>(response);
    expect(body.code).toBe('validation_failed');
    expect(body.issues?.map((issue) => issue.message)).toContain(message);
    expect(await memberByEmail(admin, email)).toBeUndefined();
  });

  it('refuses an external id another person already has with external_id_taken', async () => {
    const externalId = uniqueExternalId();
    const first = await sendJson(admin, 'POST', routes.invitations, {
      email: uniqueEmail('first'),
      role: 'member',
      externalId,
    });
    expect(first.status).toBe(201);
    const email = uniqueEmail('second');
    const second = await sendJson(admin, 'POST', routes.invitations, {
      email,
      role: 'member',
      externalId,
    });
    expect(second.status).toBe(409);
    expect(parse<ErrorBody>(second)).toEqual({
      code: 'external_id_taken',
      message: `Another person already has the external id "${externalId}".`,
    });
    expect(await memberByEmail(admin, email)).toBeUndefined();
  });
});

describe('external ids and metadata in a CSV import', () => {
  it('previews and imports them per row, refusing a row past the limits, and exports them again', async () => {
    const ann = uniqueEmail('csv-ann');
    const bob = uniqueEmail('csv-bob');
    const eve = uniqueEmail('csv-eve');
    const annId = uniqueExternalId();
    const csv = [
      'email,external_id,metadata.department,metadata.cost_center',
      `${ann},${annId},Sales,CC-42`,
      `${bob},,Support,`,
      `${eve},,${'x'.repeat(257)},`,
    ].join('\n');

    const preview = await admin.request(routes.bulkInvitationsPreview, {
      method: 'POST',
      csrf: true,
      headers: { 'content-type': 'text/csv' },
      body: csv,
    });
    const reason = 'metadata: Metadata value of "department" must have 1 to 256 characters';
    expect(parse<BulkInvitePreviewResponse>(preview).rows).toEqual([
      { line: 2, email: ann, outcome: 'invited' },
      { line: 3, email: bob, outcome: 'invited' },
      { line: 4, email: eve, outcome: 'rejected', reason },
    ]);

    const events = await streamBulkImport(stack.bff.url, admin, csv, () => undefined);
    // Rows report as they finish, not in file order.
    const outcomes = new Map(
      events.flatMap((event) => (event.type === 'row' ? [[event.email, event.outcome]] : [])),
    );
    expect(outcomes).toEqual(
      new Map([
        [ann, 'invited'],
        [bob, 'invited'],
        [eve, 'rejected'],
      ]),
    );
    expect((await lookup(admin, annId)).members[0]).toMatchObject({
      email: ann,
      externalId: annId,
      metadata: { department: 'Sales', cost_center: 'CC-42' },
    });
    expect(await memberByEmail(admin, bob)).toMatchObject({
      externalId: null,
      metadata: { department: 'Support' },
    });
    expect(await memberByEmail(admin, eve)).toBeUndefined();

    const review = await admin.get(routes.accessReview);
    const rows = Papa.parse<Record<string, string>>(review.body, {
      header: true,
      newline: '\r\n',
      skipEmptyLines: true,
    }).data;
    const annRow = rows.find((row) => row.email === ann);
    expect(annRow?.external_id).toBe(annId);
    expect(JSON.parse(annRow?.metadata ?? '')).toEqual({
      department: 'Sales',
      cost_center: 'CC-42',
    });
  });
});
