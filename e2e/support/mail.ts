// Finds invitation emails in the test's SMTP mailbox and the link they carry.
import { extractLink, invitationTo, type Mailbox } from '@app/scalekit-emulator/testing';

/** The emulator's invitation-acceptance path (Scalekit's link in the cloud). */
const INVITE_ACCEPT_PATH = '/invite/accept';

/** Waits for the invitation email to `email` and answers its acceptance link. */
export async function invitationLink(mailbox: Mailbox, email: string): Promise<string> {
  const mail = await mailbox.waitFor(invitationTo(email), 15_000);
  return extractLink(mail, INVITE_ACCEPT_PATH);
}
