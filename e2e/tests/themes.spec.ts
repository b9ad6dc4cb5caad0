// Every screen in the light and the dark theme, at desktop (1280 px) and phone (390 px) width:
// pictured under artifacts/screens/theme-<theme>-<width>-<screen>.png and scanned by axe in
// each theme. The admin is also signed in on a second device (so "Your sessions" lists two) and
// a member has proposed someone (so the Team page's Requests inbox holds one). Also: the account
// menu's theme switch wins over the system setting and is remembered, and the phone CSV preview
// shows each row's reason.
import type { Browser, Page } from '@playwright/test';
import { pages } from '@app/contracts';
import { test, expect } from '../support/stack.js';
import { checkScreen } from '../support/screens.js';
import { seeded, signIn } from '../support/hosted-sign-in.js';
import { propose } from '../support/requests.js';
import { memberRow, openInviteDialog, openTeam } from '../support/team.js';

const CSV = [
  'email,first name,last name,role',
  'ready.person@example.test,Ready,Person,member',
  'not-an-email,Broken,Row,member',
  'ready.person@example.test,Again,Person,member',
].join('\n');

async function openCsvPreview(page: Page) {
  await page.getByRole('button', { name: 'Import CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import CSV' });
  await dialog.getByLabel('CSV file').setInputFiles({
    name: 'people.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(CSV),
  });
  await expect(dialog.getByRole('table', { name: 'Import preview' })).toBeVisible();
  return dialog;
}

const PROPOSED = 'proposed.person@example.test';

/** Signs `email` in on another device (a fresh browser context) and does `then` there. */
async function onAnotherDevice(
  browser: Browser,
  appUrl: string,
  email: string,
  then: (page: Page) => Promise<void> = async () => {},
): Promise<void> {
  const context = await browser.newContext({ baseURL: appUrl });
  try {
    const page = await context.newPage();
    await signIn(page, email);
    await then(page);
  } finally {
    await context.close();
  }
}

async function everyScreen(page: Page, browser: Browser, appUrl: string, prefix: string) {
  await page.goto(pages.signIn);
  await expect(page.getByRole('link', { name: 'Sign in', exact: true })).toBeVisible();
  await checkScreen(page, `${prefix}-sign-in`);
  await page.getByRole('link', { name: 'ask to join' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Ask to join your team' }),
  ).toBeVisible();
  await checkScreen(page, `${prefix}-join-request`);

  await onAnotherDevice(browser, appUrl, seeded.acmeAdmin.email);
  await onAnotherDevice(browser, appUrl, seeded.acmeMember.email, async (member) => {
    await openTeam(member);
    await propose(member, PROPOSED, 'Joins the design team');
  });

  await signIn(page, seeded.acmeAdmin.email);
  await expect(page.getByRole('heading', { level: 1, name: 'Profile' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Sessions' }).getByRole('listitem')).toHaveCount(2);
  await checkScreen(page, `${prefix}-profile`);
  await page.getByRole('button', { name: /account menu/ }).click();
  await expect(page.getByRole('group', { name: 'Theme' })).toBeVisible();
  await checkScreen(page, `${prefix}-account-menu`, { fullPage: false });
  await page.keyboard.press('Escape');

  await openTeam(page);
  await expect(memberRow(page, seeded.acmeMember.email)).toBeVisible();
  const inbox = page.getByRole('region', { name: /Requests/ });
  await expect(inbox.getByTestId(`request-row-${PROPOSED}`)).toBeVisible();
  await checkScreen(page, `${prefix}-team-admin`);

  const invite = await openInviteDialog(page);
  await checkScreen(page, `${prefix}-invite-dialog`, { fullPage: false });
  await invite.getByRole('button', { name: 'Cancel' }).click();

  // The menu closes when the page scrolls; the scroll that brings the button into view can
  // report after the click on a phone-length page, so the click is tried again until it stays.
  const remove = page.getByRole('menuitem', { name: 'Remove member' });
  await expect(async () => {
    await page.getByRole('button', { name: `Actions for ${seeded.acmeMember.email}` }).click();
    await expect(remove).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await checkScreen(page, `${prefix}-row-actions`, { fullPage: false });
  await remove.click();
  const confirm = page.getByRole('dialog', { name: 'Remove member?' });
  await checkScreen(page, `${prefix}-remove-confirm`, { fullPage: false });
  await confirm.getByRole('button', { name: 'Cancel' }).click();

  const csv = await openCsvPreview(page);
  await checkScreen(page, `${prefix}-csv-preview`, { fullPage: false });
  await page.keyboard.press('Escape');
  await expect(csv).toBeHidden();

  await page.getByRole('link', { name: 'Who may join' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Who may join' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Allowed domains' })).toContainText('acme.test');
  await checkScreen(page, `${prefix}-team-access`);

  await page.goto(pages.settingsApiKeys);
  await expect(page.getByRole('button', { name: 'Create API key' })).toBeVisible();
  await checkScreen(page, `${prefix}-settings-api-keys`);

  await page.goto(pages.webhookSettings);
  await expect(page.getByRole('heading', { level: 2, name: 'Endpoint' })).toBeVisible();
  await checkScreen(page, `${prefix}-settings-webhooks`);

  await page.goto('/no-such-page');
  await expect(page.getByRole('link', { name: 'Go to your profile' })).toBeVisible();
  await checkScreen(page, `${prefix}-not-found`);
}

for (const width of [1280, 390]) {
  for (const theme of ['light', 'dark'] as const) {
    test.describe(`${theme} theme at ${width} px`, () => {
      test.use({ viewport: { width, height: width > 500 ? 800 : 844 }, colorScheme: theme });

      test('every screen is pictured and passes axe', async ({ page, browser, stack }) => {
        // Fourteen screens, each pictured and scanned, and three sign-ins: more than one
        // journey's usual time.
        test.setTimeout(240_000);
        await everyScreen(page, browser, stack.appUrl, `theme-${theme}-${width}`);
        const scheme = await page.evaluate<string>(
          'getComputedStyle(document.documentElement).colorScheme',
        );
        expect(scheme).toContain(theme);
      });
    });
  }
}

test.describe('the theme switch', () => {
  test.use({ colorScheme: 'light' });

  test('wins over the system setting and is remembered across a reload', async ({ page }) => {
    await signIn(page, seeded.acmeAdmin.email);
    await page.getByRole('button', { name: /account menu/ }).click();
    await page.getByRole('radio', { name: 'Dark' }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const background = () =>
      page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
    const dark = await background();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Profile' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await background()).toBe(dark);

    await page.getByRole('button', { name: /account menu/ }).click();
    await page.getByRole('radio', { name: 'System' }).check();
    await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.+/);
    expect(await background()).not.toBe(dark);
  });
});

test.describe('the CSV preview on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('shows each flagged row with its reason, within the screen', async ({ page }) => {
    await signIn(page, seeded.acmeAdmin.email);
    await openTeam(page);
    const dialog = await openCsvPreview(page);
    const reason = dialog.getByText('Email: Enter a valid email address');
    await reason.scrollIntoViewIfNeeded();
    await expect(reason).toBeVisible();
    const box = await reason.boundingBox();
    expect(box).not.toBeNull();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    // One line of a card, not a tall blank row: the reason sits within a short card.
    const row = dialog.getByRole('row').filter({ hasText: 'not-an-email' });
    expect((await row.boundingBox())?.height ?? 0).toBeLessThan(260);
    await checkScreen(page, 'phone-csv-preview', { fullPage: false });
  });
});
