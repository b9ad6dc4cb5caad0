// The CSV preview is the import's own verdict: a row with a role the organization does not
// have and a row for someone already in the team are flagged before anything is sent, and the
// import then reports exactly what the preview said.
import { test, expect } from '../support/stack.js';
import { seeded, signIn } from '../support/hosted-sign-in.js';
import { openTeam } from '../support/team.js';

test('an unknown role and an existing member are flagged before sending, and the import agrees', async ({
  page,
  stack,
}) => {
  const fresh = `preview.agreement.${Date.now()}@example.test`;
  const owner = `preview.owner.${Date.now()}@example.test`;
  const csv = ['email,role', `${fresh},`, `${owner},owner`, `${seeded.acmeMember.email},`].join(
    '\n',
  );
  await signIn(page, seeded.acmeAdmin.email);
  await openTeam(page);

  await page.getByRole('button', { name: 'Import CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import CSV' });
  await dialog.getByLabel('CSV file').setInputFiles({
    name: 'mixed.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });

  const preview = dialog.getByRole('table', { name: 'Import preview' });
  await expect(dialog).toContainText('1 will be invited, 1 with errors, 1 already in the team.');
  const row = (email: string) => preview.getByRole('row').filter({ hasText: email });
  await expect(row(fresh)).toContainText('Ready');
  await expect(row(owner)).toContainText('Error');
  await expect(row(owner)).toContainText('Unknown role "owner"');
  await expect(row(seeded.acmeMember.email)).toContainText('Already in team');
  expect(stack.mailbox.messages).toEqual([]);

  await dialog.getByRole('button', { name: 'Start import' }).click();
  await expect(dialog.getByText('Import finished')).toBeVisible({ timeout: 30_000 });
  const report = dialog.getByRole('table', { name: 'Import report' });
  const outcome = (email: string) => report.getByRole('row').filter({ hasText: email });
  await expect(outcome(fresh)).toContainText('Invited');
  await expect(outcome(owner)).toContainText('Rejected');
  await expect(outcome(seeded.acmeMember.email)).toContainText('Skipped');
});
