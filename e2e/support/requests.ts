// The member's side of the approval inbox: proposing someone from the Team page's "Your proposals".
import { expect, type Page } from '@playwright/test';

/** Proposes `email` with a note and waits until the proposal is listed as waiting for an admin. */
export async function propose(page: Page, email: string, note: string): Promise<void> {
  const proposals = page.getByRole('region', { name: 'Your proposals' });
  await proposals.getByRole('button', { name: 'Propose someone' }).click();
  const dialog = page.getByRole('dialog', { name: 'Propose someone' });
  await dialog.getByRole('textbox', { name: 'Email' }).fill(email);
  await dialog.getByRole('textbox', { name: /Why they should join/ }).fill(note);
  await dialog.getByRole('button', { name: 'Send proposal' }).click();
  await expect(page.getByText(`Proposal sent: an admin will decide about ${email}.`)).toBeVisible();
  await expect(proposals.getByTestId(`request-row-${email}`)).toContainText('Waiting for an admin');
}
