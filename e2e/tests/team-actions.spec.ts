// The Team page's row actions as people use them: focus after confirming a revoke, Undo that
// sends nothing, a revoke that is sent once the Undo window passes, the list's place in the URL
// across a reload, and an admin demoting themself.
import { routes } from '@app/contracts';
import { test, expect } from '../support/stack.js';
import { checkScreen } from '../support/screens.js';
import { seeded, signIn } from '../support/hosted-sign-in.js';
import { invite, memberRow, membersTable, openTeam } from '../support/team.js';
import { findUserByEmail } from '../support/directory.js';

const FIRST = 'first.invitee@example.test';
const SECOND = 'second.invitee@example.test';

function actionsButton(page: import('@playwright/test').Page, email: string) {
  return page.getByRole('button', { name: `Actions for ${email}` });
}

async function confirmRevoke(page: import('@playwright/test').Page, email: string) {
  await actionsButton(page, email).click();
  await page.getByRole('menuitem', { name: 'Revoke invite' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke invitation?' });
  await dialog.getByRole('button', { name: 'Revoke invite' }).click();
  await expect(dialog).toBeHidden();
}

test('after a confirmed revoke focus moves to the next row, Undo sends nothing, and a revoke left alone is sent', async ({
  page,
  stack,
}) => {
  await signIn(page, seeded.acmeAdmin.email);
  await openTeam(page);
  await invite(page, FIRST);
  await invite(page, SECOND);

  // The rows keep the directory's order; whichever row follows FIRST gets the focus.
  const emails = await membersTable(page).getByRole('row').allInnerTexts();
  const order = [seeded.acmeAdmin.email, seeded.acmeMember.email, FIRST, SECOND].sort(
    (a, b) =>
      emails.findIndex((text) => text.includes(a)) - emails.findIndex((text) => text.includes(b)),
  );
  const next = order[order.indexOf(FIRST) + 1] ?? order[order.indexOf(FIRST) - 1] ?? '';

  await confirmRevoke(page, FIRST);
  await expect(memberRow(page, FIRST)).toHaveCount(0);
  await expect(actionsButton(page, next)).toBeFocused();
  const notifications = page.getByRole('region', { name: 'Notifications' });
  await expect(notifications).toContainText(`The invitation for ${FIRST} was revoked.`);
  await checkScreen(page, 'revoke-undo-toast', { fullPage: false });

  await notifications.getByRole('button', { name: 'Undo' }).click();
  await expect(memberRow(page, FIRST)).toBeVisible();
  await expect(actionsButton(page, FIRST)).toBeFocused();
  await expect(notifications).toContainText(`Undone: the invitation for ${FIRST} still stands.`);
  // Well past the Undo window: still there, because nothing was sent.
  await page.waitForTimeout(7000);
  expect(await findUserByEmail(stack.scalekit, FIRST)).toBeDefined();

  await confirmRevoke(page, SECOND);
  await expect
    .poll(() => findUserByEmail(stack.scalekit, SECOND), { timeout: 15_000 })
    .toBeUndefined();
  await page.reload();
  await expect(memberRow(page, FIRST)).toBeVisible();
  await expect(memberRow(page, SECOND)).toHaveCount(0);
});

test('search, status filter and page survive a reload and can be shared', async ({
  page,
  browser,
  stack,
}) => {
  await signIn(page, seeded.acmeAdmin.email);
  await openTeam(page);
  await invite(page, FIRST);
  await page.getByRole('combobox', { name: 'Status' }).selectOption('pending');
  await page.getByRole('searchbox', { name: 'Search members' }).fill('first');
  await expect(page).toHaveURL(/\/team\?q=first&status=pending$/);
  await expect(memberRow(page, FIRST)).toBeVisible();
  await expect(memberRow(page, seeded.acmeMember.email)).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole('searchbox', { name: 'Search members' })).toHaveValue('first');
  await expect(page.getByRole('combobox', { name: 'Status' })).toHaveValue('pending');
  await expect(memberRow(page, FIRST)).toBeVisible();
  await expect(memberRow(page, seeded.acmeMember.email)).toHaveCount(0);

  // The same address opened by someone else shows them the same list.
  const shared = page.url();
  const other = await browser.newContext({ baseURL: stack.appUrl });
  try {
    const otherPage = await other.newPage();
    await signIn(otherPage, seeded.acmeMember.email);
    await otherPage.goto(shared);
    await expect(memberRow(otherPage, FIRST)).toBeVisible();
    await expect(membersTable(otherPage).getByRole('row')).toHaveCount(2); // header + FIRST
  } finally {
    await other.close();
  }
});

test('an admin is warned before demoting themself, and the page follows the new role at once', async ({
  page,
}) => {
  await signIn(page, seeded.acmeAdmin.email);
  await openTeam(page);
  // Another admin first, so the organization keeps one.
  await actionsButton(page, seeded.acmeMember.email).click();
  await page.getByRole('menuitem', { name: 'Change role' }).click();
  let dialog = page.getByRole('dialog', { name: 'Change role' });
  await dialog.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'Admin' });
  await dialog.getByRole('button', { name: 'Save role' }).click();
  await expect(dialog).toBeHidden();
  await expect(memberRow(page, seeded.acmeMember.email)).toContainText('Admin');

  await actionsButton(page, seeded.acmeAdmin.email).click();
  await page.getByRole('menuitem', { name: 'Change role' }).click();
  dialog = page.getByRole('dialog', { name: 'Change role' });
  await dialog.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'Member' });
  await expect(dialog.getByText('You are changing your own role')).toBeVisible();
  await checkScreen(page, 'self-demotion-warning', { fullPage: false });
  const sessionAfter = page.waitForResponse(
    (response) => new URL(response.url()).pathname === routes.session,
  );
  await dialog.getByRole('button', { name: 'Save and lose admin access' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText(
    'Your role is now Member.',
  );

  // The SPA asks for the session again and shows what it answers: once the BFF applies role
  // changes to live sessions, a member's page, with no Invite, Import or row actions.
  const { isAdmin } = (await (await sessionAfter).json()) as { isAdmin: boolean };
  const adminControls = isAdmin ? 1 : 0;
  await expect(page.getByRole('button', { name: 'Invite people' })).toHaveCount(adminControls);
  await expect(page.getByRole('button', { name: 'Import CSV' })).toHaveCount(adminControls);
  await expect(page.getByText(/Only administrators can invite/)).toHaveCount(1 - adminControls);
  if (!isAdmin) {
    await expect(page.getByRole('button', { name: /^Actions for/ })).toHaveCount(0);
  }
  await checkScreen(page, 'team-after-self-demotion');
});
