// Journey 5: a CSV import of 50 rows (3 invalid, 2 repeating an earlier row). The preview flags
// the bad rows before anything is sent, progress moves while the BFF works, the report is exact,
// and the failed rows download as a CSV ready to fix.
import { readFile } from 'node:fs/promises';
import { mailKind } from '@app/scalekit-emulator/testing';
import { test, expect } from '../support/stack.js';
import { checkScreen } from '../support/screens.js';
import { seeded, signIn } from '../support/hosted-sign-in.js';
import { openTeam } from '../support/team.js';
import { bulkInviteCsv } from '../support/csv-fixture.js';
import { listAllUsers } from '../support/directory.js';

// Records every value any <progress> element shows, so the test can tell that progress moved
// step by step rather than jumping from nothing to done.
const RECORD_PROGRESS = `(() => {
  const seen = [];
  window.e2eProgressSeen = seen;
  const record = () => document.querySelectorAll('progress').forEach((bar) => seen.push(bar.value));
  new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true });
})()`;

test('a CSV of 50 rows gets a preview, progress, an exact report and a download of the failed rows', async ({
  page,
  stack,
}) => {
  const csv = bulkInviteCsv();
  await signIn(page, seeded.acmeAdmin.email);
  await openTeam(page);

  await page.getByRole('button', { name: 'Import CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import CSV' });
  await dialog.getByLabel('CSV file').setInputFiles({
    name: 'team.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv.text),
  });

  const preview = dialog.getByRole('table', { name: 'Import preview' });
  await expect(preview.getByRole('row')).toHaveCount(51);
  await expect(dialog.getByText('team.csv: 50 rows')).toBeVisible();
  await expect(dialog).toContainText('45 will be invited, 3 with errors, 2 duplicate.');
  const flagged = (label: string) =>
    preview.getByRole('row').filter({ has: page.getByText(label, { exact: true }) });
  await expect(flagged('Error')).toHaveCount(3);
  for (const email of csv.invalid)
    await expect(flagged('Error').filter({ hasText: email })).toHaveCount(1);
  await expect(flagged('Duplicate')).toHaveCount(2);
  await flagged('Error').first().scrollIntoViewIfNeeded();
  await checkScreen(page, 'csv-preview', { fullPage: false });

  // Nothing is sent before the import starts.
  expect(stack.mailbox.messages).toEqual([]);

  await page.evaluate(RECORD_PROGRESS);
  await dialog.getByRole('button', { name: 'Start import' }).click();
  await expect(dialog.getByText('Import finished')).toBeVisible({ timeout: 30_000 });
  await expect(dialog).toContainText(
    '45 invited · 2 skipped (already a member or duplicate) · 3 rejected.',
  );

  const progress = dialog.getByRole('progressbar', { name: 'Import progress' });
  await expect(progress).toHaveAttribute('value', '50');
  await expect(progress).toHaveAttribute('max', '50');
  const seen = await page.evaluate<number[]>('window.e2eProgressSeen');
  expect(
    seen.some((value) => value > 0 && value < 50),
    `progress values seen: ${seen.join(', ')}`,
  ).toBe(true);

  const report = dialog.getByRole('table', { name: 'Import report' });
  const outcome = (label: string) =>
    report.getByRole('row').filter({ has: page.getByText(label, { exact: true }) });
  await expect(outcome('Invited')).toHaveCount(45);
  // The two rows repeating an earlier one are skipped, each naming the line it repeats.
  await expect(outcome('Skipped')).toHaveCount(2);
  await expect(outcome('Skipped').filter({ hasText: /Duplicate of line \d+/ })).toHaveCount(2);
  await expect(outcome('Rejected')).toHaveCount(3);
  for (const email of csv.invalid)
    await expect(outcome('Rejected').filter({ hasText: email })).toHaveCount(1);
  await outcome('Rejected').first().scrollIntoViewIfNeeded();
  await checkScreen(page, 'csv-report', { fullPage: false });

  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download failed rows' }).click();
  const download = await downloading;
  const failedRows = (await readFile(await download.path(), 'utf8')).trim().split(/\r?\n/);
  expect(failedRows[0]).toBe('email,first name,last name,reason');
  expect(failedRows).toHaveLength(1 + csv.invalid.length);
  for (const email of csv.invalid)
    expect(failedRows.some((line) => line.startsWith(`${email},`))).toBe(true);

  // The identity store holds exactly the 45 invitations, and each one's email went out.
  const pending = (await listAllUsers(stack.scalekit)).filter((user) =>
    user.memberships.some((m) => m.organizationId === 'org_acme' && m.status === 'PENDING_INVITE'),
  );
  expect(pending.map((user) => user.email).sort()).toEqual([...csv.valid].sort());
  await expect
    .poll(() => stack.mailbox.messages.filter((mail) => mailKind(mail) === 'invitation').length, {
      timeout: 30_000,
    })
    .toBe(45);
});
