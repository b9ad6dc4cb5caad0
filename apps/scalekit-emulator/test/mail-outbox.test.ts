// The mail outbox: an email queued while the SMTP server is down is delivered once it is up,
// and one left undelivered at shutdown goes out after a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { invitationTo, startMailbox, type Mailbox } from '../src/testing/index.js';
import {
  ACME,
  countRows,
  startAuthEmulator,
  type AuthTestEmulator,
} from './support/auth-fixtures.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A port that was free a moment ago, with nothing listening on it now. */
async function freePort(): Promise<number> {
  const probe = await startMailbox();
  await probe.close();
  return probe.port;
}

function track<T extends { close(): Promise<void> }>(thing: T): T {
  cleanups.push(() => thing.close());
  return thing;
}

const undelivered = (t: AuthTestEmulator) =>
  countRows(t, 'SELECT COUNT(*) AS n FROM auth_outbox WHERE delivered_at IS NULL');

describe('mail outbox', () => {
  it('delivers an invitation queued while SMTP was down once SMTP is up', async () => {
    const port = await freePort();
    const t = track(await startAuthEmulator({ smtpUrl: `smtp://127.0.0.1:${port}` }));
    const email = 'queued@newcomer.test';
    await t.sdk.user.createUserAndMembership(ACME, { email, sendInvitationEmail: true });
    await expect
      .poll(() => countRows(t, 'SELECT MAX(attempts) AS n FROM auth_outbox'), { timeout: 10_000 })
      .toBeGreaterThan(0);
    expect(undelivered(t)).toBe(1);

    const mailbox: Mailbox = track(await startMailbox({ port }));
    const mail = await mailbox.waitFor(invitationTo(email), 15_000);
    expect(mail.subject).toContain('Acme');
    await expect.poll(() => undelivered(t)).toBe(0);
  });

  it('keeps undelivered email across a restart and sends it afterwards', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'emulator-outbox-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const email = 'restart@newcomer.test';

    const first = await startAuthEmulator({ smtpUrl: `smtp://127.0.0.1:${port}`, dataDir });
    await first.sdk.user.createUserAndMembership(ACME, { email, sendInvitationEmail: true });
    expect(undelivered(first)).toBe(1);
    await first.close();

    const mailbox = track(await startMailbox({ port }));
    const second = track(await startAuthEmulator({ smtpUrl: mailbox.smtpUrl, dataDir }));
    await mailbox.waitFor(invitationTo(email), 15_000);
    await expect.poll(() => undelivered(second)).toBe(0);
  });
});
