// Test helpers for every package that runs against the emulator: a real SMTP mailbox and a
// driver for the hosted sign-in page. Import from "@app/scalekit-emulator/testing".
export {
  startMailbox,
  extractCode,
  extractLink,
  extractLinks,
  invitationTo,
  mailKind,
  recipients,
  sentTo,
  signInCodeTo,
  type Mailbox,
  type MailboxOptions,
  type ParsedMail,
} from './mailbox.js';
export {
  signInThroughHostedPage,
  parseForm,
  HostedPageError,
  type HostedSignInResult,
  type SignInThroughHostedPageOptions,
} from './hosted-sign-in.js';
export { CookieJar } from './cookie-jar.js';
