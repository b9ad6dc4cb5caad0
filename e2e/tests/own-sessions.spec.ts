// "Your sessions" on the profile: the seeded admin, signed in on two devices (two browser
// contexts), sees both sessions with this one marked, signs the other device out (its next page
// and API call land on sign-in / 401), then signs out everywhere, which ends this one too.
import { pages, routes } from '@app/contracts';
import type { Page } from '@playwright/test';
import { test, expect } from '../support/stack.js';
import { seeded, signIn } from '../support/hosted-sign-in.js';

function sessionsList(page: Page) {
  return page
    .getByRole('region', { name: 'Your sessions' })
    .getByRole('list', { name: 'Sessions' });
}

test('an admin signed in on two devices signs the other one out, then signs out everywhere', async ({
  page,
  browser,
  stack,
}) => {
  const otherDevice = await browser.newContext({ baseURL: stack.appUrl });
  try {
    const other = await otherDevice.newPage();
    await signIn(other, seeded.acmeAdmin.email);
    await signIn(page, seeded.acmeAdmin.email);

    const rows = sessionsList(page).getByRole('listitem');
    await expect(rows).toHaveCount(2);
    const here = rows.filter({ hasText: 'This device' });
    const there = rows.filter({ hasNotText: 'This device' });
    await expect(here).toHaveCount(1);
    await expect(there).toHaveCount(1);
    await expect(here.getByRole('button', { name: /^Sign out .* \(this device\)$/ })).toBeVisible();

    await there.getByRole('button', { name: /^Sign out / }).click();
    await expect(page.getByText(/^Signed out .+\.$/)).toBeVisible();
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('This device');
    // This device is untouched: its session still answers.
    expect((await page.request.get(routes.session)).status()).toBe(200);

    // The other device's next API call and next page both find no session.
    expect((await other.request.get(routes.session)).status()).toBe(401);
    await other.goto(pages.team);
    await other.waitForURL(`**${pages.signIn}*`);
    await expect(other.getByRole('link', { name: 'Sign in', exact: true })).toBeVisible();
    await expect(other.getByRole('table', { name: 'Members' })).toHaveCount(0);

    await page
      .getByRole('region', { name: 'Your sessions' })
      .getByRole('button', { name: 'Sign out everywhere' })
      .click();
    const confirm = page.getByRole('dialog', { name: 'Sign out everywhere?' });
    await confirm.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.waitForURL(`**${pages.signIn}*`);
    await expect(page.getByRole('status')).toHaveText('You are signed out.');
    expect((await page.request.get(routes.session)).status()).toBe(401);
    await page.goto(pages.profile);
    await page.waitForURL(`**${pages.signIn}*`);
  } finally {
    await otherDevice.close();
  }
});
