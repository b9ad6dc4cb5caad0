// Journey 2: an admin invites someone; the invitation arrives over SMTP; the invitee follows
// the link in a browser of their own and lands in the app as a member; the admin's open Team
// page turns their row Active live (webhook -> BFF -> server-sent events), with no reload.
import { pages } from '@app/contracts';
import { test, expect } from '../support/stack.js';
import { checkScreen } from '../support/screens.js';
import { seeded, signIn } from '../support/hosted-sign-in.js';
import { invitationLink } from '../support/mail.js';
import { profileDetail } from '../support/profile.js';
import {
  fillInvite,
  memberRow,
  openInviteDialog,
  openTeam,
  submitInvite,
} from '../support/team.js';
import { findUserByEmail } from '../support/directory.js';

const INVITEE = 'new.colleague@example.test';

test('an invitee accepts the emailed link and the admin sees them Active without a reload', async ({
  page,
  browser,
  stack,
}) => {
  await signIn(page, seeded.acmeAdmin.email);
  await openTeam(page);
  await expect(memberRow(page, seeded.acmeMember.email)).toContainText('Active');
  await checkScreen(page, 'team-admin');

  // A flag on the document: if the page reloaded, it would be gone.
  await page.evaluate("document.documentElement.dataset.e2eSameDocument = 'yes'");

  const dialog = await openInviteDialog(page);
  await fillInvite(dialog, INVITEE);
  await checkScreen(page, 'invite-dialog', { fullPage: false });
  await submitInvite(dialog);
  await expect(memberRow(page, INVITEE)).toContainText('Pending');

  const link = await invitationLink(stack.mailbox, INVITEE);

  const inviteeContext = await browser.newContext({ baseURL: stack.appUrl });
  try {
    const inviteePage = await inviteeContext.newPage();
    await inviteePage.goto(link);
    await inviteePage.waitForURL(`${stack.appUrl}${pages.profile}`);
    await expect(inviteePage.getByText('Welcome to Acme')).toBeVisible();
    await expect(inviteePage.getByText('You joined as Member.')).toBeVisible();
    await checkScreen(inviteePage, 'welcome');
    await expect(profileDetail(inviteePage, 'Email')).toContainText(INVITEE);
    await expect(profileDetail(inviteePage, 'Organization')).toHaveText('Acme');
    await expect(profileDetail(inviteePage, 'Role')).toHaveText('Member');
  } finally {
    await inviteeContext.close();
  }

  await expect(memberRow(page, INVITEE)).toContainText('Active');
  await expect(page.locator('html')).toHaveAttribute('data-e2e-same-document', 'yes');

  const user = await findUserByEmail(stack.scalekit, INVITEE);
  expect(user?.memberships).toEqual([{ organizationId: 'org_acme', status: 'ACTIVE' }]);
});
