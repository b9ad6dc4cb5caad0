// Domain rules: an admin restricts invitations to the allowed domain acme.test from the "Who may
// join" screen, and an invitation to a gmail.com address is then refused with the reason, with
// nobody created at Scalekit and nothing emailed; an acme.test address still goes through.
import { sentTo } from '@app/scalekit-emulator/testing';
import { test, expect } from '../support/stack.js';
import { seeded, signIn } from '../support/hosted-sign-in.js';
import { findUserByEmail } from '../support/directory.js';
import { fillInvite, invite, openInviteDialog, openTeam } from '../support/team.js';

const OUTSIDER = 'someone.outside@gmail.com';
const INSIDER = 'new.colleague@acme.test';

test('an admin restricts invitations to acme.test and an invite to gmail.com is refused with the reason', async ({
  page,
  stack,
}) => {
  await signIn(page, seeded.acmeAdmin.email);
  await openTeam(page);
  await page.getByRole('link', { name: 'Who may join' }).click();

  await expect(page.getByRole('heading', { name: 'Who may join', level: 1 })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Allowed domains' })).toContainText('acme.test');
  await expect(page.getByTestId('seat-summary')).toContainText('seats used');
  await page.getByRole('radio', { name: /Only the allowed domains/ }).check();
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByText('The invitation policy is saved.')).toBeVisible();

  await page.getByRole('link', { name: 'Back to Team' }).click();
  const dialog = await openInviteDialog(page);
  await fillInvite(dialog, OUTSIDER);
  await dialog.getByRole('button', { name: 'Send invitations' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    'gmail.com is not an allowed domain: this organization only invites addresses on its allowed domains.',
  );
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await invite(page, INSIDER);
  await stack.mailbox.waitFor(sentTo(INSIDER));
  expect(stack.mailbox.messages.filter(sentTo(OUTSIDER))).toEqual([]);
  expect(await findUserByEmail(stack.scalekit, OUTSIDER)).toBeUndefined();
});
