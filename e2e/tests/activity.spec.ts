// The Activity page: an admin's invitation on the Team page shows in the audit log with the
// admin as actor; a kind filter keeps it; the filtered CSV export and the access review download
// with the entry and the invitee in them. Pictured in both themes at desktop and phone widths.
import { readFile } from 'node:fs/promises';
import { ACCESS_REVIEW_CSV_COLUMNS, AUDIT_CSV_COLUMNS, pages } from '@app/contracts';
import type { Page } from '@playwright/test';
import { test, expect } from '../support/stack.js';
import { checkScreen } from '../support/screens.js';
import { seeded, signIn } from '../support/hosted-sign-in.js';
import { invite, openTeam } from '../support/team.js';

const INVITEE = 'activity.invitee@example.test';

async function downloadedText(page: Page, linkName: string): Promise<string> {
  const started = page.waitForEvent('download');
  await page.getByRole('link', { name: linkName }).click();
  const download = await started;
  const path = await download.path();
  return readFile(path, 'utf8');
}

async function pictureBothThemes(page: Page, name: string): Promise<void> {
  // The Team page's "Invitation sent" toast would cover the entries in the picture.
  for (const dismiss of await page.getByRole('button', { name: 'Dismiss notification' }).all())
    await dismiss.click();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await checkScreen(page, `${name}-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('an admin finds their invitation in Activity, filters it and exports it', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, seeded.acmeAdmin.email);
  await openTeam(page);
  await invite(page, INVITEE);

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Activity' })
    .click();
  await expect(page).toHaveURL(pages.activity);
  const entries = page.getByRole('table', { name: 'Entries' });
  const row = entries.getByRole('row').filter({ hasText: `Invited ${INVITEE} as Member` });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(seeded.acmeAdmin.email);
  await expect(row).toContainText('Team page');
  await expect(row).toContainText('just now');

  await page.getByLabel('Kind').selectOption({ label: 'Invited' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/[?&]kind=member\.invited/);
  await expect(row).toHaveCount(1);
  await expect(entries.locator('tbody tr').filter({ hasNotText: 'Invited' })).toHaveCount(0);
  await pictureBothThemes(page, 'activity');

  const exported = (await downloadedText(page, 'Export filtered CSV')).trim().split(/\r?\n/);
  expect(exported[0]).toBe(AUDIT_CSV_COLUMNS.join(','));
  const lines = exported.slice(1);
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.every((line) => line.includes(',member.invited,'))).toBe(true);
  expect(
    lines.some((line) => line.includes(INVITEE) && line.includes(seeded.acmeAdmin.email)),
  ).toBe(true);

  const review = (await downloadedText(page, 'Download access review')).trim().split(/\r?\n/);
  expect(review[0]).toBe(ACCESS_REVIEW_CSV_COLUMNS.join(','));
  expect(review.some((line) => line.includes(INVITEE))).toBe(true);

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(row).toBeVisible();
  const pageWidth = await page.evaluate<number>('document.documentElement.scrollWidth');
  expect(pageWidth).toBeLessThanOrEqual(390);
  await pictureBothThemes(page, 'phone-activity');
});

test('a member is not offered Activity and its address is not found for them', async ({ page }) => {
  await signIn(page, seeded.acmeMember.email);
  await openTeam(page);
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }),
  ).toHaveCount(0);
  await page.goto(pages.activity);
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
});
