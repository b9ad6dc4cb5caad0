// A bulk import whose client goes away mid-run: rows already talking to Scalekit finish, no row
// starts after the disconnect, nobody is invited twice, and sending the same file again invites
// exactly the rest. Runs on an instance inviting one row at a time so the cut lands mid-file.
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScalekitClient } from '@scalekit-sdk/node';
import { CSRF_HEADER, CSRF_HEADER_VALUE, routes, type BulkInviteEvent } from '@app/contracts';
import type { Browser } from './support/browser.js';
import { startStack, type BffInstance, type Stack } from './support/harness.js';
import { ACME_ADMIN, allMembers, ndjson, uniqueEmail } from './team-fixtures.js';
import { startTunedInstance, stopTunedInstance } from './tuned-instance.js';

const ROWS = 60;
const ROWS_BEFORE_ABORT = 3;

let stack: Stack;
let tuned: BffInstance;
let admin: Browser;

beforeAll(async () => {
  stack = await startStack();
  tuned = await startTunedInstance(stack, { bulkConcurrency: 1 });
  admin = await stack.signIn(ACME_ADMIN, { instance: tuned });
});

afterAll(async () => {
  await stopTunedInstance(tuned);
  await stack?.stop();
});

type RowEvent = Extract<BulkInviteEvent, { type: 'row' }>;
const isRow = (event: BulkInviteEvent): event is RowEvent => event.type === 'row';

/** Uploads the CSV and hangs up once `rowsToRead` row events arrived; returns those rows. */
function uploadAndAbort(csv: string, rowsToRead: number): Promise<RowEvent[]> {
  return new Promise((resolve, reject) => {
    const rows: RowEvent[] = [];
    const request = http.request(new URL(routes.bulkInvitations, tuned.url), {
      method: 'POST',
      agent: false,
      headers: {
        'content-type': 'text/csv',
        accept: 'application/json',
        cookie: admin.cookieHeader(),
        origin: admin.publicOrigin,
        [CSRF_HEADER]: CSRF_HEADER_VALUE,
      },
    });
    request.once('error', () => undefined);
    request.once('response', (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`bulk answered ${String(response.statusCode)}`));
        return;
      }
      let buffer = '';
      response.setEncoding('utf8');
      response.on('error', () => undefined);
      response.on('data', (chunk: string) => {
        buffer += chunk;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const event of ndjson(lines.join('\n')).filter(isRow)) rows.push(event);
        if (rows.length >= rowsToRead) {
          request.destroy();
          resolve(rows);
        }
      });
      response.once('end', () => reject(new Error('the import ended before the client left')));
    });
    request.end(csv);
  });
}

interface RunSummary {
  total: number;
  invited: number;
  alreadyMember: number;
  rejected: number;
  notStarted: number;
  clientGone: boolean;
}

/** The BFF's log line of a finished run (the only report of a run whose client left). */
async function finishedRunLogged(): Promise<RunSummary> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    const line = tuned.logs.lines.find((entry) => entry.includes('"bulk invitation finished"'));
    if (line !== undefined) return JSON.parse(line) as RunSummary;
    await sleep(50);
  }
  throw new Error('the bulk run never finished');
}

/** Every user of Acme at Scalekit, read through the SDK. */
async function scalekitEmails(): Promise<string[]> {
  const sdk = new ScalekitClient(
    stack.emulator.url,
    stack.emulator.clientId,
    stack.emulator.clientSecret,
  );
  const emails: string[] = [];
  let pageToken = '';
  do {
    const page = await sdk.user.listOrganizationUsers('org_acme', {
      pageSize: 100,
      ...(pageToken === '' ? {} : { pageToken }),
    });
    emails.push(...page.users.map((user) => user.email));
    pageToken = page.nextPageToken;
  } while (pageToken !== '');
  return emails;
}

describe('a bulk import whose client disconnects', () => {
  it('finishes the rows already started, starts no more, and a re-run invites exactly the rest', async () => {
    const emails = Array.from({ length: ROWS }, () => uniqueEmail('bulk-cut'));
    const csv = ['email', ...emails].join('\n');

    const seen = await uploadAndAbort(csv, ROWS_BEFORE_ABORT);
    const firstRun = await finishedRunLogged();

    expect(firstRun).toMatchObject({ total: ROWS, clientGone: true, rejected: 0 });
    // The run stopped early: some rows never started, and every started row was invited.
    expect(firstRun.notStarted).toBeGreaterThan(0);
    expect(firstRun.invited + firstRun.notStarted).toBe(ROWS);
    expect(firstRun.invited).toBeGreaterThanOrEqual(ROWS_BEFORE_ABORT);
    const atScalekit = (await scalekitEmails()).filter((email) => email.startsWith('bulk-cut-'));
    expect(atScalekit).toHaveLength(firstRun.invited);
    expect(new Set(atScalekit).size).toBe(atScalekit.length);
    for (const row of seen) expect(atScalekit).toContain(row.email);

    const rerun = ndjson(
      (
        await admin.request(routes.bulkInvitations, {
          method: 'POST',
          csrf: true,
          headers: { 'content-type': 'text/csv' },
          body: csv,
        })
      ).body,
    );

    expect(rerun.at(-1)).toEqual({
      type: 'finished',
      total: ROWS,
      invited: ROWS - firstRun.invited,
      alreadyMember: firstRun.invited,
      rejected: 0,
      notAttempted: 0,
      interrupted: null,
    });
    const invitedBefore = new Set(atScalekit);
    for (const row of rerun.filter(isRow)) {
      expect(row.outcome).toBe(invitedBefore.has(row.email) ? 'already_member' : 'invited');
    }
    const pending = (await allMembers(admin, 'search=bulk-cut-')).filter(
      (member) => member.status === 'pending',
    );
    expect(pending).toHaveLength(ROWS);
    expect(new Set(pending.map((member) => member.email))).toEqual(new Set(emails));
    const finalAtScalekit = (await scalekitEmails()).filter((email) =>
      email.startsWith('bulk-cut-'),
    );
    expect(finalAtScalekit.sort()).toEqual([...emails].sort());
  });
});
