// Journey 1: the seeded admin signs in through the hosted page and lands on their profile.
import { pages, routes } from '@app/contracts';
import { test, expect } from '../support/stack.js';
import { checkScreen } from '../support/screens.js';
import { profileDetail } from '../support/profile.js';
import {
  seeded,
  startSignIn,
  submitCode,
  submitEmail,
  TEST_CODE,
} from '../support/hosted-sign-in.js';

test('the seeded admin signs in with the test code and sees their profile', async ({ page }) => {
  await page.goto(pages.signIn);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Sign in');
  await expect(page.getByText(/invite-only/i)).toBeVisible();
  await checkScreen(page, 'sign-in');

  await startSignIn(page);
  await checkScreen(page, 'hosted-sign-in-email');
  await submitEmail(page, seeded.acmeAdmin.email);
  await expect(page.getByLabel('6-digit code')).toBeVisible();
  await checkScreen(page, 'hosted-sign-in-code');
  await submitCode(page, TEST_CODE);

  await page.waitForURL(`**${pages.profile}`);
  await expect(profileDetail(page, 'Name')).toHaveText(seeded.acmeAdmin.name);
  await expect(profileDetail(page, 'Email')).toContainText(seeded.acmeAdmin.email);
  await expect(profileDetail(page, 'Organization')).toHaveText(seeded.acmeAdmin.organization);
  await expect(profileDetail(page, 'Role')).toHaveText('Admin');
  await checkScreen(page, 'profile');
});

test('a sign-in that comes back with a forged state shows a readable error and no session', async ({
  page,
}) => {
  await page.goto(`${routes.callback}?code=forged&state=forged`);
  await page.waitForURL(/\/sign-in\?error=invalid_state/);
  await expect(page.getByRole('alert')).toContainText('The sign-in could not be completed');
  await checkScreen(page, 'sign-in-error');

  const session = await page.request.get(routes.session);
  expect(session.status()).toBe(401);
});
