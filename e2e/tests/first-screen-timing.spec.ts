// Reports (does not assert) how long the first screen takes after sign-in: from submitting the
// one-time code to the profile showing the person's details, split into the BFF's callback
// redirect chain and the SPA's own loading, next to opening the Team page once signed in.
import { pages } from '@app/contracts';
import { test, expect } from '../support/stack.js';
import { profileDetail } from '../support/profile.js';
import { seeded, startSignIn, submitEmail, TEST_CODE } from '../support/hosted-sign-in.js';
import { membersTable } from '../support/team.js';

interface NavigationEntry {
  redirectStart: number;
  redirectEnd: number;
  fetchStart: number;
  responseEnd: number;
  domContentLoadedEventEnd: number;
}

interface ResourceEntry {
  name: string;
  startTime: number;
  responseEnd: number;
}

// This package compiles without the DOM library: the one browser global used, typed by hand.
declare const document: { querySelector(selector: string): { textContent: string | null } | null };

const ms = (value: number) => `${Math.round(value)} ms`;

test('time from entering the code to the profile (reported, not asserted)', async ({ page }) => {
  await startSignIn(page);
  await submitEmail(page, seeded.acmeAdmin.email);
  await page.getByLabel('6-digit code').fill(TEST_CODE);

  const started = Date.now();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`**${pages.profile}`, { waitUntil: 'commit' });
  const urlAt = Date.now() - started;
  // Checked in the page at every frame: Playwright's own retries would add their back-off.
  // A function (a string would be eval, which the app's CSP forbids).
  const shownAt = await page.waitForFunction<number, string>(
    (email) => (document.querySelector('main dl')?.textContent?.includes(email) ? Date.now() : 0),
    seeded.acmeAdmin.email,
    { polling: 'raf' },
  );
  const total = (await shownAt.jsonValue()) - started;
  await expect(profileDetail(page, 'Email')).toContainText(seeded.acmeAdmin.email);

  const navigation = await page.evaluate<NavigationEntry>(
    'JSON.parse(JSON.stringify(performance.getEntriesByType("navigation")[0]))',
  );
  const resources = await page.evaluate<ResourceEntry[]>(
    'JSON.parse(JSON.stringify(performance.getEntriesByType("resource")))',
  );
  const origin = new URL(page.url()).origin;

  const lines = [
    `code submitted -> profile URL: ${ms(urlAt)}`,
    `code submitted -> profile details visible: ${ms(total)}`,
    `  profile document: fetch ${ms(navigation.fetchStart)} .. response ${ms(navigation.responseEnd)}, DOMContentLoaded ${ms(navigation.domContentLoadedEventEnd)}`,
    ...resources.map(
      (entry) =>
        `  ${entry.name.replace(origin, '')}: ${ms(entry.startTime)} .. ${ms(entry.responseEnd)}`,
    ),
  ];

  const teamStarted = Date.now();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team' }).click();
  await expect(membersTable(page)).toBeVisible();
  lines.push(`Team link -> members table visible: ${ms(Date.now() - teamStarted)}`);

  console.log(`first screen after sign-in\n${lines.join('\n')}`);
  await test.info().attach('first-screen-timing.txt', { body: lines.join('\n') });
});
