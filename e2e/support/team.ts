// The Team page as a user sees it: the members table, its rows, the invite dialog and the row
// actions, found by their accessible names (listed in apps/web/README.md).
import { expect, type Locator, type Page } from '@playwright/test';
import { pages } from '@app/contracts';

export function membersTable(page: Page): Locator {
  return page.getByRole('table', { name: 'Members' });
}

/** The table row of the member with this email. */
export function memberRow(page: Page, email: string): Locator {
  return membersTable(page).getByRole('row').filter({ hasText: email });
}

export async function openTeam(page: Page): Promise<void> {
  await page.goto(pages.team);
  await expect(membersTable(page)).toBeVisible();
}

export function inviteDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Invite people' });
}

export async function openInviteDialog(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Invite people' }).click();
  const dialog = inviteDialog(page);
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Fills the dialog's email field; the role keeps its default (member). */
export async function fillInvite(dialog: Locator, email: string): Promise<void> {
  await dialog.getByLabel('Email addresses').fill(email);
}

export async function submitInvite(dialog: Locator): Promise<void> {
  await dialog.getByRole('button', { name: 'Send invitations' }).click();
  await expect(dialog).toBeHidden();
}

/** Invites one person with the default role and waits for their Pending row. */
export async function invite(page: Page, email: string): Promise<void> {
  const dialog = await openInviteDialog(page);
  await fillInvite(dialog, email);
  await submitInvite(dialog);
  await expect(memberRow(page, email)).toContainText('Pending');
}
