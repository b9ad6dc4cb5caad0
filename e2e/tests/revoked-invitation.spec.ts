// Journey 6: revoking an invitation (row action, confirmed) makes its emailed link useless:
// following it in a fresh browser gets a refusal and no session.
import { routes } from '@app/contracts';
import { test, expect } from '../support/stack.js';
import { checkScreen } from '../support/screens.js';
import { seeded, signIn } from '../support/hosted-sign-in.js';
import { invitationLink } from '../support/mail.js';
import { invite, memberRow, openTeam } from '../support/team.js';
import { findUserByEmail } from '../support/directory.js';

const INVITEE = 'soon.revoked@example.test';

test('a revoked invitation link no longer lets anyone in', async ({ page, browser, stack }) => {
  await signIn(page, seeded.acmeAdmin.email);
  await openTeam(page);
  await invite(page, INVITEE);
  const link = await invitationLink(stack.mailbox, INVITEE);

  await page.getByRole('button', { name: `Actions for ${INVITEE}` }).click();
  await page.getByRole('menuitem', { name: 'Revoke invite' }).click();
  const confirm = page.getByRole('dialog', { name: 'Revoke invitation?' });
  await expect(confirm).toBeVisible();
  await checkScreen(page, 'revoke-confirm', { fullPage: false });
  await confirm.getByRole('button', { name: 'Revoke invite' }).click();
  await expect(confirm).toBeHidden();
  await expect(memberRow(page, INVITEE)).toHaveCount(0);
  // The revoke is sent once the toast's Undo window closes; dismissing it sends it at once.
  await page
    .getByRole('region', { name: 'Notifications' })
    .getByRole('listitem')
    .filter({ hasText: 'was revoked' })
    .getByRole('button', { name: 'Dismiss notification' })
    .click();
  await expect.poll(() => findUserByEmail(stack.scalekit, INVITEE)).toBeUndefined();

  const strangerContext = await browser.newContext({ baseURL: stack.appUrl });
  try {
    const stranger = await strangerContext.newPage();
    await stranger.goto(link);
    await expect(stranger.getByRole('heading', { level: 1 })).toHaveText(
      'This invitation is no longer valid',
    );
    await checkScreen(stranger, 'invitation-link-refused');
    expect(new URL(stranger.url()).pathname).not.toMatch(/^\/(dashboard|team)/);
    expect((await stranger.request.get(routes.session)).status()).toBe(401);
  } finally {
    await strangerContext.close();
  }
  expect(await findUserByEmail(stack.scalekit, INVITEE)).toBeUndefined();
});
