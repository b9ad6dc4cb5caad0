// Reading the audit log over HTTP: filters and cursor paging, refusal of bad queries (generated
// as well as written out), the CSV export read back by a standard parser, and the access review
// export streamed from Scalekit page by page.
import fc from 'fast-check';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCESS_REVIEW_CSV_COLUMNS,
  AUDIT_CSV_COLUMNS,
  routes,
  type AuditEntry,
  type ErrorBody,
  type ListAuditResponse,
  type SessionResponse,
} from '@app/contracts';
import { accessReviewLines } from '../src/team/access-review.js';
import type { ScalekitGateway } from '../src/team/scalekit-types.js';
import type { Browser } from './support/browser.js';
import { startStack, type Stack } from './support/harness.js';
import { ACME_ADMIN, invited, parse, sendJson, uniqueEmail } from './team-fixtures.js';

let stack: Stack;
let admin: Browser;
let organizationId: string;
/** Emails invited by this file, oldest first. */
const emails: string[] = [];

beforeAll(async () => {
  stack = await startStack();
  admin = await stack.signIn(ACME_ADMIN);
  organizationId = parse<SessionResponse>(await admin.get(routes.session)).organization.id;
  for (let index = 0; index < 3; index += 1) {
    const email = uniqueEmail('exported');
    emails.push(email);
    const member = await invited(admin, email);
    if (index === 0) {
      await sendJson(admin, 'PATCH', routes.member(member.userId), { role: 'admin' });
    }
  }
  await stack.emulator.auth.idle();
});
afterAll(async () => {
  await stack?.stop();
});

async function list(query: string): Promise<ListAuditResponse> {
  const response = await admin.get(`${routes.audit}?${query}`);
  expect(response.status, response.body).toBe(200);
  return parse<ListAuditResponse>(response);
}

function readCsv(text: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(text, {
    header: true,
    delimiter: ',',
    newline: '\r\n',
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('GET /api/audit', () => {
  it('filters by actor, member and kind, and by a time range', async () => {
    const byActor = await list(`actor=${encodeURIComponent(ACME_ADMIN)}&pageSize=100`);
    expect(byActor.entries.length).toBeGreaterThanOrEqual(4);
    expect(byActor.entries.every((entry) => entry.actor.type === 'user')).toBe(true);

    const [first] = emails;
    const aboutFirst = await list(`member=${encodeURIComponent(first ?? '')}`);
    expect(aboutFirst.entries.map((entry) => entry.kind)).toEqual([
      'member.role_changed',
      'member.invited',
    ]);
    const roleChanges = await list('kind=member.role_changed');
    expect(roleChanges.entries.map((entry) => entry.member.email)).toEqual([first]);

    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await list(`from=${future}`)).entries).toEqual([]);
    expect((await list(`to=${future}&member=${first ?? ''}`)).entries).toHaveLength(2);
  });

  it('pages newest first without repeats or gaps', async () => {
    const whole = await list('pageSize=100');
    const seen: AuditEntry[] = [];
    let token: string | null = null;
    do {
      const page: ListAuditResponse = await list(
        `pageSize=2${token === null ? '' : `&pageToken=${token}`}`,
      );
      expect(page.entries.length).toBeLessThanOrEqual(2);
      seen.push(...page.entries);
      token = page.nextPageToken;
    } while (token !== null);
    expect(seen).toEqual(whole.entries);
    const ids = seen.map((entry) => Number(entry.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it.each([
    ['a kind it does not know', 'kind=member.promoted'],
    ['a time that is not ISO-8601', 'from=yesterday'],
    ['a range that ends before it starts', 'from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z'],
    ['a page size past the maximum', 'pageSize=101'],
    ['a page token it did not issue', 'pageToken=bm9wZQ'],
    ['an actor that is neither an id nor an email', 'actor=%3Cscript%3E'],
  ])('refuses %s with 422 validation_failed', async (_name, query) => {
    const response = await admin.get(`${routes.audit}?${query}`);
    expect(response.status).toBe(422);
    expect(parse<ErrorBody>(response)).toMatchObject({
      code: 'validation_failed',
      message: expect.any(String) as unknown,
    });
  });

  it('refuses every generated bad filter value with a {code, message} 4xx', async () => {
    const notIso = fc
      .string()
      .filter((value) => Number.isNaN(Date.parse(value)) || !value.includes('T'));
    const badParam = fc.oneof(
      fc.tuple(
        fc.constant('kind'),
        fc.string().filter((value) => !value.includes('.')),
      ),
      fc.tuple(fc.constantFrom('from', 'to'), notIso),
      fc.tuple(
        fc.constant('pageSize'),
        fc.oneof(
          fc.integer({ min: 101, max: 1_000_000 }).map(String),
          fc.integer({ min: -1000, max: 0 }).map(String),
          fc.string({ minLength: 1 }).filter((value) => {
            const size = Number(value);
            return !(Number.isInteger(size) && size >= 1 && size <= 100);
          }),
        ),
      ),
      fc.tuple(
        fc.constant('pageToken'),
        fc
          .string({ minLength: 1, maxLength: 64 })
          .filter((value) => !/^a:\d+$/.test(Buffer.from(value, 'base64url').toString('utf8'))),
      ),
      fc.tuple(
        fc.constantFrom('actor', 'member'),
        fc.string({ minLength: 1 }).filter((value) => /[^A-Za-z0-9_@.+'-]/.test(value.trim())),
      ),
    );
    await fc.assert(
      fc.asyncProperty(badParam, async ([name, value]) => {
        const query = new URLSearchParams({ [name]: value }).toString();
        const response = await admin.get(`${routes.audit}?${query}`);
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        const body = parse<ErrorBody>(response);
        expect(typeof body.code).toBe('string');
        expect(typeof body.message).toBe('string');
      }),
      { seed: 20261130, numRuns: 60, interruptAfterTimeLimit: 20_000 },
    );
  });
});

describe('GET /api/audit/export.csv', () => {
  it('downloads the filtered log as CSV that reads back as the list shows it', async () => {
    const response = await admin.get(
      `${routes.auditExport}?actor=${encodeURIComponent(ACME_ADMIN)}`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="audit-log.csv"',
    );
    expect(response.body.split('\r\n')[0]).toBe(AUDIT_CSV_COLUMNS.join(','));
    const rows = readCsv(response.body);
    const listed = (await list(`actor=${encodeURIComponent(ACME_ADMIN)}&pageSize=100`)).entries;
    expect(rows.map((row) => row.id)).toEqual(listed.map((entry) => entry.id));
    const roleChange = listed.find((entry) => entry.kind === 'member.role_changed');
    expect(rows.find((row) => row.id === roleChange?.id)).toEqual({
      id: roleChange?.id,
      occurred_at: roleChange?.occurredAt,
      kind: 'member.role_changed',
      source: 'ui',
      actor_type: 'user',
      actor_user_id: roleChange?.actor.type === 'user' ? roleChange.actor.userId : '',
      actor_email: ACME_ADMIN,
      ip: '127.0.0.1',
      member_user_id: roleChange?.member.userId,
      member_email: emails[0],
      status_before: 'pending',
      roles_before: 'member',
      status_after: 'pending',
      roles_after: 'admin',
    });
  });

  it('refuses a bad filter before sending anything', async () => {
    const response = await admin.get(`${routes.auditExport}?kind=nope`);
    expect(response.status).toBe(422);
    expect(parse<ErrorBody>(response).code).toBe('validation_failed');
  });
});

describe('GET /api/team/access-review.csv', () => {
  it('lists every member with role, status, inviter and last sign-in, formulas neutralised', async () => {
    const email = uniqueEmail('formula');
    const response = await sendJson(admin, 'POST', routes.invitations, {
      email,
      role: 'member',
      givenName: '=HYPERLINK("http://evil.test")',
    });
    expect(response.status).toBe(201);

    const review = await admin.get(routes.accessReview);
    expect(review.status).toBe(200);
    expect(review.headers.get('content-disposition')).toBe(
      'attachment; filename="access-review.csv"',
    );
    expect(review.body.split('\r\n')[0]).toBe(ACCESS_REVIEW_CSV_COLUMNS.join(','));
    const rows = readCsv(review.body);
    expect(rows.find((row) => row.email === ACME_ADMIN)).toMatchObject({
      roles: 'admin',
      status: 'active',
      last_sign_in_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
    });
    expect(rows.find((row) => row.email === email)).toMatchObject({
      name: `'=HYPERLINK("http://evil.test")`,
      roles: 'member',
      status: 'pending',
      invited_by: ACME_ADMIN,
      invited_at: expect.stringMatching(/^\d{4}-/) as unknown,
      last_sign_in_at: '',
    });
    for (const invitee of emails) expect(rows.some((row) => row.email === invitee)).toBe(true);
  });

  it('reads Scalekit one page at a time, each page written before the next is asked for', async () => {
    const calls: number[] = [];
    const gateway: ScalekitGateway = {
      call: (fn) => {
        calls.push(calls.length + 1);
        return stack.bff.app.callScalekit(fn);
      },
    };
    const lines = accessReviewLines(gateway, organizationId, 2);
    await lines.next(); // the header
    expect(calls).toHaveLength(0);
    const firstPage = await lines.next();
    expect(calls).toHaveLength(1);
    expect(
      String(firstPage.value)
        .split('\r\n')
        .filter((line) => line !== ''),
    ).toHaveLength(2);
    let pages = 1;
    for await (const page of lines) {
      pages += 1;
      expect(calls).toHaveLength(pages);
      expect(page.split('\r\n').filter((line) => line !== '').length).toBeLessThanOrEqual(2);
    }
    expect(pages).toBeGreaterThanOrEqual(3);
  });
});
