// The approval inbox: a member proposes someone; nothing is sent until the admin approves it
// from the Team page's Requests; the invitation email then arrives and the invitee joins. A
// proposal the admin declines, with a reason, is told to the member who made it by email.
import { pages } from '@app/contracts';
import { sentTo, type ParsedMail } from '@app/scalekit-emulator/testing';
import type { Browser, Page } from '@playwright/test';
import { test, expect } from '../support/stack.js';
import { seeded, signIn } from '../support/hosted-sign-in.js';
import { invitationLink } from '../support/mail.js';
import { profileDetail } from '../support/profile.js';
import { propose } from '../support/requests.js';
import { openTeam } from '../support/team.js';

const APPROVED = 'proposed.designer@example.test';
const DECLINED = 'proposed.friend@example.test';

async function signedInPage(browser: Browser, appUrl: string, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: appUrl });
  const page = await context.newPage();
  await signIn(page, email);
  await openTeam(page);
  return page;
}

const declinedMailTo = (email: string) => (mail: ParsedMail) =>
  sentTo(email)(mail) && mail.headers.get('x-teamspace-mail-kind') === 'request-declined';

test('a member proposes, the admin approves, the invitation arrives and the invitee joins; a decline emails the member', async ({
  browser,
  stack,
}) => {
  const member = await signedInPage(browser, stack.appUrl, seeded.acmeMember.email);
  await propose(member, APPROVED, 'Our new designer');
  await propose(member, DECLINED, 'A friend of mine');
  // Nothing is sent to anyone proposed before an admin decides.
  expect(stack.mailbox.messages.filter((mail) => sentTo(APPROVED)(mail))).toEqual([]);

  const admin = await signedInPage(browser, stack.appUrl, seeded.acmeAdmin.email);
  const inbox = admin.getByRole('region', { name: /Requests/ });
  await expect(inbox.getByLabel('2 waiting')).toBeVisible();
  await expect(inbox.getByTestId(`request-row-${APPROVED}`)).toContainText('Our new designer');

  await inbox.getByRole('button', { name: `Approve ${APPROVED}` }).click();
  const approve = admin.getByRole('dialog', { name: `Approve ${APPROVED}` });
  await approve.getByRole('combobox', { name: 'Role' }).selectOption('member');
  await approve.getByRole('button', { name: 'Approve and invite' }).click();
  await expect(admin.getByText(`${APPROVED} approved (invitation sent).`)).toBeVisible();

  await inbox.getByRole('button', { name: `Decline ${DECLINED}` }).click();
  const decline = admin.getByRole('dialog', { name: `Decline ${DECLINED}` });
  await decline
    .getByRole('textbox', { name: 'Reason' })
    .fill('We only add people from partner teams');
  await decline.getByRole('button', { name: 'Decline' }).click();
  await expect(inbox.getByText('No requests waiting')).toBeVisible();

  const declined = await stack.mailbox.waitFor(declinedMailTo(seeded.acmeMember.email), 15_000);
  expect(declined.text).toContain(DECLINED);
  expect(declined.text).toContain('We only add people from partner teams');
  expect(stack.mailbox.messages.filter((mail) => sentTo(DECLINED)(mail))).toEqual([]);

  const link = await invitationLink(stack.mailbox, APPROVED);
  const inviteeContext = await browser.newContext({ baseURL: stack.appUrl });
  try {
    const invitee = await inviteeContext.newPage();
    await invitee.goto(link);
    await invitee.waitForURL(`${stack.appUrl}${pages.profile}`);
    await expect(invitee.getByText('Welcome to Acme')).toBeVisible();
    await expect(profileDetail(invitee, 'Email')).toContainText(APPROVED);
    await expect(profileDetail(invitee, 'Role')).toHaveText('Member');
  } finally {
    await inviteeContext.close();
  }

  // The member follows their proposals: one approved, one declined with the reason.
  await member.reload();
  const proposals = member.getByRole('region', { name: 'Your proposals' });
  await expect(proposals.getByTestId(`request-row-${APPROVED}`)).toContainText('Approved');
  await expect(proposals.getByTestId(`request-row-${DECLINED}`)).toContainText(
    'We only add people from partner teams',
  );
  await member.context().close();
  await admin.context().close();
});
