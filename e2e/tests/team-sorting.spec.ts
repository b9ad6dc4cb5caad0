// The Team page's totals and sorting on the real stack: the member count in the header, counts
// per status in the filter and "1–n of n" in the pager once the BFF has indexed the organization;
// a column header sorts the list (aria-sort says how), and the order survives a reload.
import { test, expect } from '../support/stack.js';
import { seeded, signIn } from '../support/hosted-sign-in.js';
import { invite, membersTable, openTeam } from '../support/team.js';

const INVITEES = ['zed.sorting@example.test', 'amy.sorting@example.test'];

test('a column header sorts the team, and the order, counts and totals survive a reload', async ({
  page,
}) => {
  await signIn(page, seeded.acmeAdmin.email);
  await openTeam(page);
  for (const email of INVITEES) await invite(page, email);
  // The first list of an organization starts its index in the background; counts follow.
  const header = page.getByText(/^\d+ members in Acme$/);
  await expect(async () => {
    await page.reload();
    await expect(header).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const total = (await membersTable(page).getByRole('row').count()) - 1;
  await expect(header).toHaveText(`${String(total)} members in Acme`);
  await expect(page.getByRole('navigation', { name: 'Pages' })).toContainText(
    `1–${String(total)} of ${String(total)}`,
  );
  await expect(
    page.getByRole('combobox', { name: 'Status' }).getByRole('option', { name: 'Pending 2' }),
  ).toHaveCount(1);

  // The Email column, top to bottom.
  const emailColumn = () =>
    membersTable(page).locator('tbody tr > td:nth-child(2)').allInnerTexts();
  const nameHeader = page.getByRole('columnheader', { name: 'Name' });
  const statusHeader = page.getByRole('columnheader', { name: 'Status' });
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  const byName = await emailColumn();

  await page.getByRole('button', { name: 'Name' }).click();
  await expect(page).toHaveURL(/\/team\?sort=name&order=desc$/);
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(emailColumn).toEqual([...byName].reverse());

  await page.getByRole('button', { name: 'Status' }).click();
  await expect(page).toHaveURL(/\/team\?sort=status&order=asc$/);
  await expect(statusHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(nameHeader).not.toHaveAttribute('aria-sort');
  // Active before pending: the seeded members by name, then the two invitees by name.
  await expect
    .poll(emailColumn)
    .toEqual([
      ...byName.filter((email) => !INVITEES.includes(email)),
      'amy.sorting@example.test',
      'zed.sorting@example.test',
    ]);
  const sorted = await emailColumn();

  await page.reload();
  await expect(page).toHaveURL(/\/team\?sort=status&order=asc$/);
  await expect(statusHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(emailColumn).toEqual(sorted);
  await expect(header).toHaveText(`${String(total)} members in Acme`);
});
