// The invitation journey end to end with a real SMTP receiver: the SDK invites, the email
// arrives, the link activates the membership and starts a session, and the invitee signs in
// without seeing the sign-in page. Broken links change nothing.
import { MembershipStatus } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/commons/commons_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CookieJar,
  extractLink,
  invitationTo,
  signInThroughHostedPage,
  startMailbox,
  type Mailbox,
} from '../src/testing/index.js';
import {
  ACME,
  INITIATE_LOGIN_URL,
  REDIRECT_URI,
  pkce,
  startAuthEmulator,
  type AuthTestEmulator,
} from './support/auth-fixtures.js';

const DAY_MS = 24 * 3600 * 1000;
/** Where a refused invitation page sends people back to: the app's own sign-in screen. */
const APP_SIGN_IN = new URL('/sign-in', INITIATE_LOGIN_URL).href;
let t: AuthTestEmulator;
let mailbox: Mailbox;

beforeAll(async () => {
  mailbox = await startMailbox();
  t = await startAuthEmulator({ smtpUrl: mailbox.smtpUrl });
});
afterAll(async () => {
  await t.close();
  await mailbox.close();
});

async function invite(email: string, firstName = 'Ivy') {
  const { user } = await t.sdk.user.createUserAndMembership(ACME, {
    email,
    userProfile: { firstName, lastName: 'Invitee' },
    sendInvitationEmail: true,
  });
  if (!user) throw new Error('no user');
  const mail = await mailbox.waitFor(invitationTo(email));
  return { user, mail, link: extractLink(mail, '/invite/accept') };
}

async function statusOf(userId: string): Promise<MembershipStatus | undefined> {
  const { user } = await t.sdk.user.getUser(userId);
  return user?.memberships.find((m) => m.organizationId === ACME)?.membershipStatus;
}

function follow(link: string, jar = new CookieJar()) {
  return fetch(link, { redirect: 'manual', headers: { cookie: jar.header() ?? '' } }).then(
    (response) => {
      jar.store(response);
      return response;
    },
  );
}

describe('invitation journey', () => {
  it('invites by email, activates through the link and signs the invitee in without a page', async () => {
    const email = 'ivy@newcomer.test';
    const { user, mail, link } = await invite(email);
    expect(mail.subject).toContain('Acme');
    expect(mail.text).toContain(link);
    expect(typeof mail.html === 'string' && mail.html.includes('Accept the invitation')).toBe(true);
    expect(await statusOf(user.id)).toBe(MembershipStatus.PENDING_INVITE);

    const jar = new CookieJar();
    const accepted = await follow(link, jar);
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get('location')).toBe(INITIATE_LOGIN_URL);
    expect(await statusOf(user.id)).toBe(MembershipStatus.ACTIVE);

    // The app's initiate-login route then authorizes: the emulator session answers at once.
    const { verifier, challenge } = pkce();
    const authorizeUrl = t.sdk.getAuthorizationUrl(REDIRECT_URI, {
      scopes: ['openid', 'profile', 'email', 'offline_access'],
      state: 'after-invite',
      prompt: 'create',
      codeChallenge: challenge,
      codeChallengeMethod: 'S256',
    });
    const page = await signInThroughHostedPage({ authorizeUrl, email, cookieJar: jar });
    expect(page.pagesShown).toBe(0);
    expect(page.state).toBe('after-invite');
    const tokens = await t.sdk.authenticateWithCode(page.code ?? '', REDIRECT_URI, {
      codeVerifier: verifier,
    });
    expect(tokens.user).toMatchObject({ id: user.id, email, emailVerified: true });

    // The link works once.
    const reused = await follow(link);
    expect(reused.status).toBe(410);
    expect(reused.headers.get('location')).toBeNull();
    const reusedPage = await reused.text();
    expect(reusedPage).toContain('already');
    expect(reusedPage).toMatch(/<a href="[^"]+">(Sign in|Go to sign in)<\/a>/);
  });

  it('refuses a tampered link and leaves the invitation pending', async () => {
    const { user, link } = await invite('tamper@newcomer.test');
    const url = new URL(link);
    const token = url.searchParams.get('token') ?? '';
    url.searchParams.set('token', `${token.slice(0, -2)}xx`);
    const response = await follow(url.toString());
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('not valid');
    expect(await statusOf(user.id)).toBe(MembershipStatus.PENDING_INVITE);
    // The genuine link still works.
    expect((await follow(link)).status).toBe(302);
  });

  it('retires the old link when the invite is resent, and every link when it is revoked', async () => {
    const email = 'resend@newcomer.test';
    const { user, link: first } = await invite(email);
    mailbox.clear();
    await t.sdk.user.resendInvite(ACME, user.id);
    const second = extractLink(await mailbox.waitFor(invitationTo(email)), '/invite/accept');
    expect(second).not.toBe(first);
    const stale = await follow(first);
    expect(stale.status).toBe(410);
    expect(await statusOf(user.id)).toBe(MembershipStatus.PENDING_INVITE);

    await t.sdk.user.deleteMembership(ACME, user.id);
    const revoked = await follow(second);
    expect(revoked.status).toBe(410);
    const revokedPage = await revoked.text();
    expect(revokedPage).toContain('no longer valid');
    expect(revokedPage).toContain(`<a href="${APP_SIGN_IN}">Go to sign in</a>`);
  });

  it('shows a clear page for an expired link and the membership reads INVITE_EXPIRED', async () => {
    const { user, link } = await invite('late@newcomer.test');
    t.clock.advance(16 * DAY_MS);
    try {
      const response = await follow(link);
      expect(response.status).toBe(410);
      const page = await response.text();
      expect(page).toContain('has expired');
      expect(page).toContain(`<a href="${APP_SIGN_IN}">Go to sign in</a>`);
      expect(await statusOf(user.id)).toBe(MembershipStatus.INVITE_EXPIRED);
    } finally {
      t.clock.advance(-16 * DAY_MS);
    }
  });

  it('escapes user-supplied names in the invitation email', async () => {
    const org = await t.sdk.organization.createOrganization('<b>Evil & Co</b>', {});
    const orgId = org.organization?.id ?? '';
    const email = 'escape@newcomer.test';
    await t.sdk.user.createUserAndMembership(orgId, { email, sendInvitationEmail: true });
    const mail = await mailbox.waitFor(invitationTo(email));
    const htmlBody = typeof mail.html === 'string' ? mail.html : '';
    expect(htmlBody).toContain('&lt;b&gt;Evil &amp; Co&lt;/b&gt;');
    expect(htmlBody).not.toContain('<b>Evil');
    expect(mail.text).toContain('<b>Evil & Co</b>');
  });
});
