// Journey 3: invite-only. An email with no account and no invitation is refused on the hosted
// page, and nothing is created or sent.
import { routes } from '@app/contracts';
import { test, expect } from '../support/stack.js';
import { checkScreen } from '../support/screens.js';
import { startSignIn, submitEmail } from '../support/hosted-sign-in.js';
import { findUserByEmail, listAllUsers } from '../support/directory.js';

const STRANGER = 'stranger@uninvited.test';

test('an uninvited email is refused at sign-in and nothing is created or emailed', async ({
  page,
  stack,
}) => {
  const usersBefore = await listAllUsers(stack.scalekit);

  await startSignIn(page);
  await submitEmail(page, STRANGER);

  await expect(page.getByRole('alert')).toContainText('invite-only');
  await expect(page.getByLabel('6-digit code')).toHaveCount(0);
  await checkScreen(page, 'hosted-sign-in-refused');

  expect(await findUserByEmail(stack.scalekit, STRANGER)).toBeUndefined();
  expect((await listAllUsers(stack.scalekit)).length).toBe(usersBefore.length);
  // The emulator queues mail before it answers; a short settle catches a late delivery too.
  await page.waitForTimeout(1_000);
  expect(stack.mailbox.messages).toEqual([]);
  expect((await page.request.get(routes.session)).status()).toBe(401);
});
