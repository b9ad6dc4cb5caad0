// The CSV preview is the import's own verdict: the dry-run judges a file by the same plan the
// import runs on (roles of the organization, existing members, duplicates, addresses), creates
// and sends nothing, and the import that follows reports the same outcome for every row.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitationTo } from '@app/scalekit-emulator/testing';
import { hostileText, PROPERTY_SETTINGS } from '@app/contracts/testing';
import {
  routes,
  type BulkInviteEvent,
  type BulkInvitePreviewResponse,
  type ErrorBody,
} from '@app/contracts';
import type { Browser, RecordedResponse } from './support/browser.js';
import { startStack, type Stack } from './support/harness.js';
import {
  ACME_ADMIN,
  ACME_MEMBER,
  memberByEmail,
  ndjson,
  parse,
  uniqueEmail,
} from './team-fixtures.js';

let stack: Stack;
let admin: Browser;

beforeAll(async () => {
  stack = await startStack({ env: { RATE_LIMIT_INVITE_PER_MINUTE: '1000' } });
  admin = await stack.signIn(ACME_ADMIN);
});

afterAll(async () => {
  await stack?.stop();
});

function post(browser: Browser, path: string, csv: string, query = ''): Promise<RecordedResponse> {
  return browser.request(`${path}${query}`, {
    method: 'POST',
    csrf: true,
    headers: { 'content-type': 'text/csv' },
    body: csv,
  });
}

type RowEvent = Extract<BulkInviteEvent, { type: 'row' }>;

describe('POST /api/team/invitations/bulk/preview', () => {
  it('flags unknown roles, existing members, duplicates and bad addresses, sends nothing, and the import then agrees row by row', async () => {
    const fresh = uniqueEmail('preview-fresh');
    const ownerRole = uniqueEmail('preview-owner');
    const csv = [
      'email,role',
      `${fresh},`,
      `${ownerRole},owner`,
      `${ACME_MEMBER},`,
      `${fresh.toUpperCase()},`,
      'not-an-address,',
    ].join('\n');

    const answer = await post(admin, routes.bulkInvitationsPreview, csv);
    expect(answer.status).toBe(200);
    const preview = parse<BulkInvitePreviewResponse>(answer);
    expect(preview).toEqual({
      total: 5,
      invited: 1,
      alreadyMember: 2,
      rejected: 2,
      rows: [
        { line: 2, email: fresh, outcome: 'invited' },
        { line: 3, email: ownerRole, outcome: 'rejected', reason: 'Role: Unknown role "owner".' },
        { line: 4, email: ACME_MEMBER, outcome: 'already_member', reason: 'Already a member.' },
        { line: 5, email: fresh, outcome: 'already_member', reason: 'Duplicate of line 2.' },
        {
          line: 6,
          email: 'not-an-address',
          outcome: 'rejected',
          reason: expect.stringMatching(/^Email: /) as unknown as string,
        },
      ],
    });
    expect(await memberByEmail(admin, fresh)).toBeUndefined();
    expect(stack.mailbox.messages.filter(invitationTo(fresh))).toHaveLength(0);

    const imported = await post(admin, routes.bulkInvitations, csv);
    expect(imported.status).toBe(200);
    const reported = ndjson(imported.body)
      .filter((event): event is RowEvent => event.type === 'row')
      .sort((a, b) => a.line - b.line)
      .map(({ line, email, outcome, reason }) => ({
        line,
        email,
        outcome,
        ...(reason === undefined ? {} : { reason }),
      }));
    expect(reported).toEqual(preview.rows);
    await stack.mailbox.waitFor(invitationTo(fresh), 10_000);
  });

  it('answers the same whole-file refusals as the import: an unknown default role is 422', async () => {
    const answer = await post(
      admin,
      routes.bulkInvitationsPreview,
      `email\n${uniqueEmail('preview-default')}`,
      '?defaultRole=owner',
    );
    expect(answer.status).toBe(422);
    expect(parse<ErrorBody>(answer).code).toBe('validation_failed');
  });

  it('is for admins only', async () => {
    const member = await stack.signIn(ACME_MEMBER);
    const answer = await post(member, routes.bulkInvitationsPreview, `email\n${uniqueEmail()}`);
    expect(answer.status).toBe(403);
  });

  it('answers any file with one verdict per data row or a {code, message} refusal, and never invites', async () => {
    const mailBefore = stack.mailbox.messages.length;
    await fc.assert(
      fc.asyncProperty(fc.array(hostileText(), { maxLength: 4 }), async (cells) => {
        const csv = ['email,role', ...cells].join('\n');
        const answer = await post(admin, routes.bulkInvitationsPreview, csv);
        if (answer.status === 200) {
          const preview = parse<BulkInvitePreviewResponse>(answer);
          expect(preview.total).toBe(preview.rows.length);
          expect(preview.invited + preview.alreadyMember + preview.rejected).toBe(preview.total);
        } else {
          expect(answer.status).toBeGreaterThanOrEqual(400);
          expect(answer.status).toBeLessThan(500);
          const body = parse<ErrorBody>(answer);
          expect(typeof body.code).toBe('string');
          expect(typeof body.message).toBe('string');
        }
      }),
      { ...PROPERTY_SETTINGS, numRuns: 40 },
    );
    expect(stack.mailbox.messages).toHaveLength(mailBefore);
  });
});
