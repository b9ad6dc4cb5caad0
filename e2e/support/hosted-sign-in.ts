// Drives the emulator's hosted sign-in page (Scalekit's own page in the cloud): the app's
// "Sign in" action, then the email step, then the one-time code step.
import { expect, type Page } from '@playwright/test';
import { pages } from '@app/contracts';

/** Scalekit's test mode: addresses containing `+sktest` accept this fixed code. */
export const TEST_CODE = '424242';

export const seeded = {
  acmeAdmin: { email: 'admin+sktest@acme.test', name: 'Ada Admin', organization: 'Acme' },
  acmeMember: { email: 'member+sktest@acme.test', name: 'Max Member', organization: 'Acme' },
  globexAdmin: { email: 'admin+sktest@globex.test', name: 'Grace Globex', organization: 'Globex' },
} as const;

/** From the app's sign-in screen to the hosted page's email step. */
export async function startSignIn(page: Page): Promise<void> {
  await page.goto(pages.signIn);
  await page.getByRole('link', { name: 'Sign in', exact: true }).click();
  await expect(page.getByLabel('Work email')).toBeVisible();
}

export async function submitEmail(page: Page, email: string): Promise<void> {
  await page.getByLabel('Work email').fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
}

export async function submitCode(page: Page, code: string): Promise<void> {
  await page.getByLabel('6-digit code').fill(code);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The whole sign-in of a `+sktest` address; ends on the profile page. */
export async function signIn(page: Page, email: string): Promise<void> {
  await startSignIn(page);
  await submitEmail(page, email);
  await submitCode(page, TEST_CODE);
  await page.waitForURL(`**${pages.profile}`);
}
