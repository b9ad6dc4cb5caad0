// Journey 7: after signing out, the browser's Back button shows no team data: the page was
// not kept with its data, and the app sends the visitor to sign in.
import { pages, routes } from '@app/contracts';
import { test, expect } from '../support/stack.js';
import { seeded, signIn } from '../support/hosted-sign-in.js';
import { memberRow, openTeam } from '../support/team.js';

test('after sign out, Back shows no team data and leads to sign-in', async ({ page }) => {
  await signIn(page, seeded.acmeAdmin.email);
  await openTeam(page);
  await expect(memberRow(page, seeded.acmeMember.email)).toBeVisible();

  await page.getByRole('button', { name: /account menu/ }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`**${pages.signIn}*`);
  await expect(page.getByRole('status')).toHaveText('You are signed out.');
  expect((await page.request.get(routes.session)).status()).toBe(401);

  await page.goBack();
  // Checked at once, before any redirect: a page restored from the back/forward cache with
  // its data would fail here even if the app later sent the visitor away.
  expect(await page.content()).not.toContain(seeded.acmeMember.email);
  await page.waitForURL(`**${pages.signIn}*`);
  await expect(page.getByText(seeded.acmeMember.email)).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Members' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Sign in', exact: true })).toBeVisible();
});
