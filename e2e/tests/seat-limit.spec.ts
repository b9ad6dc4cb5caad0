// Seat limits: an admin sets the limit to the seats taken now, an invitation is then refused
// with the reason (and nobody is emailed), and raising the limit by one lets it through.
import type { Page } from '@playwright/test';
import { test, expect } from '../support/stack.js';
import { seeded, signIn } from '../support/hosted-sign-in.js';
import {
  fillInvite,
  memberRow,
  openInviteDialog,
  openTeam,
  submitInvite,
} from '../support/team.js';
import { invitationLink } from '../support/mail.js';
import { sentTo } from '@app/scalekit-emulator/testing';

const INVITEE = 'one.too.many@example.test';

async function setSeatLimit(page: Page, limit: number) {
  await page.getByTestId('seat-summary').getByRole('button', { name: 'Change limit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Seat limit' });
  await dialog.getByRole('checkbox', { name: 'No limit' }).uncheck();
  await dialog.getByLabel('Seats').fill(String(limit));
  await dialog.getByRole('button', { name: 'Save limit' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`The seat limit is now ${limit}.`)).toBeVisible();
}

test('an invite past the seat limit is refused with the reason until the admin raises the limit', async ({
  page,
  stack,
}) => {
  await signIn(page, seeded.acmeAdmin.email);
  await openTeam(page);
  const summary = page.getByTestId('seat-summary');
  await expect(summary).toContainText(/\d+ seats? used \(\d+ pending\), no limit/);
  const used = Number(/(\d+) seats? used/.exec((await summary.textContent()) ?? '')?.[1]);
  const pending = Number(/\((\d+) pending\)/.exec((await summary.textContent()) ?? '')?.[1]);

  await setSeatLimit(page, used);
  await expect(summary).toContainText(`${used} of ${used} seats used (${pending} pending)`);

  const dialog = await openInviteDialog(page);
  await fillInvite(dialog, INVITEE);
  await dialog.getByRole('button', { name: 'Send invitations' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    `All ${used} seats are taken (${pending} pending). Raise the limit or remove someone first.`,
  );
  expect(stack.mailbox.messages.filter(sentTo(INVITEE))).toEqual([]);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await setSeatLimit(page, used + 1);
  const again = await openInviteDialog(page);
  await fillInvite(again, INVITEE);
  await submitInvite(again);
  await expect(memberRow(page, INVITEE)).toContainText('Pending');
  expect(await invitationLink(stack.mailbox, INVITEE)).toContain('http');
  await expect(summary).toContainText(
    `${used + 1} of ${used + 1} seats used (${pending + 1} pending)`,
  );
});
