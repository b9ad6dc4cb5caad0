// SIGTERM in the middle of a large bulk import, against the real server process: readiness
// answers 503 at once, the import stops taking rows, finishes and reports the rows in flight,
// and ends its stream with an honest `finished` line; every user Scalekit created is reported.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScalekitClient } from '@scalekit-sdk/node';
import { buildSeed, startEmulator, type RunningEmulator } from '@app/scalekit-emulator';
import { startMailbox, type Mailbox } from '@app/scalekit-emulator/testing';
import { ErrorBodySchema, routes, type BulkInviteEvent } from '@app/contracts';
import { Browser } from './support/browser.js';
import { signInWith } from './support/harness.js';
import {
  reservePublicUrl,
  startServerProcess,
  type ServerProcess,
} from './support/server-process.js';
import { ACME_ADMIN, streamBulkImport, uniqueEmail } from './team-fixtures.js';

const ROWS = 1000;

let mailbox: Mailbox;
let emulator: RunningEmulator;
let server: ServerProcess;

beforeAll(async () => {
  const address = await reservePublicUrl();
  mailbox = await startMailbox();
  emulator = await startEmulator({
    seed: buildSeed({ appOrigin: address.publicUrl }),
    smtpUrl: mailbox.smtpUrl,
    inMemory: true,
    port: 0,
  });
  server = await startServerProcess(emulator, address);
});

afterAll(async () => {
  server?.kill();
  await emulator?.close();
  await mailbox?.close();
});

async function acmeEmails(): Promise<string[]> {
  const sdk = new ScalekitClient(emulator.url, emulator.clientId, emulator.clientSecret);
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

describe('SIGTERM during a bulk import', () => {
  it('fails readiness at once, reports every row sent to Scalekit and ends with an interrupted finished line', async () => {
    const admin = new Browser(server.url, server.publicUrl);
    await signInWith(admin, ACME_ADMIN, mailbox);
    const emails = Array.from({ length: ROWS }, () => uniqueEmail('sigterm'));
    const csv = ['email', ...emails].join('\n');

    let rowsSeen = 0;
    let readiness: Promise<Response> | undefined;
    const events = await streamBulkImport(server.url, admin, csv, (event) => {
      if (event.type !== 'row') return;
      rowsSeen += 1;
      if (rowsSeen === 20) {
        server.child.kill('SIGTERM');
        // Asked right after the signal (again while the signal is still on its way, up to a
        // few ms): the answer must not wait for the import. Asking later races the shutdown,
        // which may already be over once the rows in flight are reported.
        readiness = (async () => {
          for (let attempt = 0; ; attempt += 1) {
            const answer = await fetch(`${server.url}${routes.ready}`);
            if (answer.status !== 200 || attempt >= 50) return answer;
            await new Promise((resolve) => setTimeout(resolve, 2));
          }
        })();
      }
    });

    const ready = await readiness;
    expect(ready?.status).toBe(503);
    expect(ErrorBodySchema.parse(await ready?.json()).code).toBe('shutting_down');

    const rows = events.filter(
      (event): event is Extract<BulkInviteEvent, { type: 'row' }> => event.type === 'row',
    );
    const finished = events.at(-1);
    if (finished?.type !== 'finished') throw new Error('the stream ended without `finished`');
    expect(finished.interrupted).toBe('server_shutdown');
    expect(finished.notAttempted).toBeGreaterThan(0);
    expect(finished.total).toBe(ROWS);
    expect(rows).toHaveLength(ROWS - finished.notAttempted);
    expect(finished.invited + finished.alreadyMember + finished.rejected).toBe(rows.length);
    expect(finished.rejected).toBe(0);

    // Every user the emulator created for this file appears in the report as invited.
    const created = (await acmeEmails()).filter((email) => email.startsWith('sigterm-'));
    const reportedInvited = rows.filter((row) => row.outcome === 'invited').map((row) => row.email);
    expect(new Set(created)).toEqual(new Set(reportedInvited));

    expect(await server.exited).toBe(0);
  });
});
