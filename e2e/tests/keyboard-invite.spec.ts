// Keyboard only: the invite dialog can be opened, filled and submitted without a mouse.
import { test, expect } from '../support/stack.js';
import { seeded, signIn } from '../support/hosted-sign-in.js';
import { tabTo } from '../support/keyboard.js';
import { inviteDialog, memberRow, openTeam } from '../support/team.js';
import { findUserByEmail } from '../support/directory.js';

const INVITEE = 'keyboard.user@example.test';

test('an admin invites someone with the keyboard alone', async ({ page, stack }) => {
  await signIn(page, seeded.acmeAdmin.email);
  await openTeam(page);

  const inviteButton = page.getByRole('button', { name: 'Invite people' });
  await tabTo(page, inviteButton);
  await page.keyboard.press('Enter');

  const dialog = inviteDialog(page);
  await expect(dialog).toBeVisible();
  const emailField = dialog.getByLabel('Email addresses');
  await tabTo(page, emailField);
  await page.keyboard.type(INVITEE);

  const submit = dialog.getByRole('button', { name: 'Send invitations' });
  await tabTo(page, submit);
  await page.keyboard.press('Enter');

  await expect(dialog).toBeHidden();
  await expect(memberRow(page, INVITEE)).toContainText('Pending');
  expect(await findUserByEmail(stack.scalekit, INVITEE)).toBeDefined();
});
