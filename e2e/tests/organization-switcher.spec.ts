// Journey: someone in two organizations (the seed's consultant, in Acme and Globex) signs in to
// Acme, switches to Globex from the top bar on the Team page and sees Globex's members, with no
// second sign-in page on the way, then switches back.
import { pages } from '@app/contracts';
import { test, expect } from '../support/stack.js';
import { checkScreen } from '../support/screens.js';
import {
  seeded,
  startSignIn,
  submitCode,
  submitEmail,
  TEST_CODE,
} from '../support/hosted-sign-in.js';
import { memberRow, membersTable } from '../support/team.js';

const CONSULTANT = 'consultant+sktest@acme.test';

test('a member of Acme and Globex switches organization on the Team page and back', async ({
  page,
  stack,
}) => {
  await startSignIn(page);
  await submitEmail(page, CONSULTANT);
  await submitCode(page, TEST_CODE);
  // Two organizations: the hosted page asks which one, once.
  await page.getByRole('radio', { name: 'Acme' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(`**${pages.profile}`);

  await page.goto(`${pages.team}?status=active`);
  await expect(memberRow(page, seeded.acmeAdmin.email)).toBeVisible();
  const switcher = page.getByRole('button', { name: /switch organization/ });
  await expect(switcher).toContainText('Acme');

  // Nothing but the app and the emulator's authorize answer on the way: no hosted page shown.
  const hostedPages: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame() && frame.url().startsWith(`${stack.emulatorUrl}/sign-in`))
      hostedPages.push(frame.url());
  });

  await switcher.click();
  await checkScreen(page, 'organization-switcher');
  await page.getByRole('button', { name: 'Globex', exact: true }).click();
  await page.waitForURL(`**${pages.team}?status=active`);
  await expect(page.getByRole('button', { name: /switch organization/ })).toContainText('Globex');
  await expect(memberRow(page, seeded.globexAdmin.email)).toBeVisible();
  await expect(membersTable(page)).not.toContainText(seeded.acmeAdmin.email);

  await page.getByRole('button', { name: /switch organization/ }).click();
  await page.getByRole('button', { name: 'Acme', exact: true }).click();
  await expect(page.getByRole('button', { name: /switch organization/ })).toContainText('Acme');
  await expect(memberRow(page, seeded.acmeAdmin.email)).toBeVisible();
  expect(page.url()).toContain(`${pages.team}?status=active`);
  expect(hostedPages).toEqual([]);
});
