// Journey 4: a member sees the team read-only, and the BFF refuses an invite forged by hand
// with the member's own cookies and the CSRF header (authorization, not just hidden buttons).
import { CSRF_HEADER, CSRF_HEADER_VALUE, ErrorBodySchema, pages, routes } from '@app/contracts';
import { test, expect } from '../support/stack.js';
import { checkScreen } from '../support/screens.js';
import { seeded, signIn } from '../support/hosted-sign-in.js';
import { findUserByEmail } from '../support/directory.js';

const FORGED_INVITEE = 'forged.invite@example.test';

test('a member sees no invite controls and a forged invite from them is refused', async ({
  page,
  stack,
}) => {
  await signIn(page, seeded.acmeMember.email);
  await page.goto(pages.team);

  const members = page.getByRole('table', { name: 'Members' });
  await expect(members.getByText(seeded.acmeAdmin.email)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Invite people' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Import CSV' })).toHaveCount(0);
  await expect(members.getByRole('button', { name: /^Actions/ })).toHaveCount(0);
  await checkScreen(page, 'team-member');

  const forged = await page.request.post(routes.invitations, {
    headers: { [CSRF_HEADER]: CSRF_HEADER_VALUE, origin: stack.appUrl },
    data: { email: FORGED_INVITEE, role: 'admin' },
  });
  expect(forged.status()).toBe(403);
  expect(ErrorBodySchema.parse(await forged.json()).code).toBe('forbidden');

  expect(await findUserByEmail(stack.scalekit, FORGED_INVITEE)).toBeUndefined();
  await page.waitForTimeout(500);
  expect(stack.mailbox.messages).toEqual([]);
});
