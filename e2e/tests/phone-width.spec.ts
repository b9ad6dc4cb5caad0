// The screens stay usable at a phone's width: the profile and the Team page with its invite
// controls, checked and pictured at 390 x 844.
import { test, expect } from '../support/stack.js';
import { checkScreen } from '../support/screens.js';
import { seeded, signIn } from '../support/hosted-sign-in.js';
import { memberRow, openTeam } from '../support/team.js';
import { profileDetail } from '../support/profile.js';

test.use({ viewport: { width: 390, height: 844 } });

test('at a phone width the profile and the Team page fit the screen', async ({ page }) => {
  await signIn(page, seeded.acmeAdmin.email);
  await expect(profileDetail(page, 'Email')).toContainText(seeded.acmeAdmin.email);
  await checkScreen(page, 'phone-profile');

  await openTeam(page);
  await expect(memberRow(page, seeded.acmeMember.email)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Invite people' })).toBeInViewport();
  // Nothing but the members table (which scrolls in its own region) may widen the page.
  const pageWidth = await page.evaluate<number>('document.documentElement.scrollWidth');
  expect(pageWidth).toBeLessThanOrEqual(390);
  await checkScreen(page, 'phone-team-admin');
});
