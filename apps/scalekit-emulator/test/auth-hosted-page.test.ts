// The hosted sign-in page: invite-only refusals that create and send nothing, real codes and
// magic links by email, limited attempts, the session cookie, prompt values and the picker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CookieJar,
  HostedPageError,
  extractCode,
  extractLink,
  parseForm,
  signInCodeTo,
  signInThroughHostedPage,
  startMailbox,
  type Mailbox,
} from '../src/testing/index.js';
import {
  ACME,
  ADMIN_EMAIL,
  ADMIN_ID,
  GLOBEX,
  REDIRECT_URI,
  countRows,
  startAuthEmulator,
  type AuthTestEmulator,
} from './support/auth-fixtures.js';

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

function authorizeUrl(params: Record<string, string> = {}): string {
  return t.sdk.getAuthorizationUrl(REDIRECT_URI, {
    state: 'st',
    scopes: ['openid', 'email', 'profile'],
    ...params,
  });
}

async function get(url: string, jar: CookieJar): Promise<Response> {
  const response = await fetch(new URL(url, t.emulator.url), {
    redirect: 'manual',
    headers: { cookie: jar.header() ?? '' },
  });
  jar.store(response);
  return response;
}

async function post(path: string, form: Record<string, string>, jar: CookieJar): Promise<Response> {
  const response = await fetch(new URL(path, t.emulator.url), {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: jar.header() ?? '', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  jar.store(response);
  return response;
}

/** Opens the email step of a fresh authorize request; returns its request id. */
async function openEmailStep(jar: CookieJar, params: Record<string, string> = {}) {
  const start = await get(authorizeUrl(params), jar);
  expect(start.status).toBe(302);
  const page = await get(start.headers.get('location') ?? '', jar);
  const html = await page.text();
  const form = parseForm(html);
  return { html, requestId: form?.fields.get('request') ?? '' };
}

async function addActiveUser(email: string, orgId = ACME): Promise<string> {
  const { user } = await t.sdk.user.createUserAndMembership(orgId, {
    email,
    sendInvitationEmail: false,
  });
  return user?.id ?? '';
}

describe('hosted sign-in page', () => {
  it('is an accessible, script-free page with one labelled form per step', async () => {
    const { html } = await openEmailStep(new CookieJar(), { loginHint: 'hint@example.test' });
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/<h1>Sign in to /);
    expect(html).toContain('<label for="email">');
    expect(html).toMatch(/<input\s+id="email"[^>]*\bautofocus\b/);
    expect(html).toContain('value="hint@example.test"');
    expect(html.match(/<form /g)).toHaveLength(1);
    expect(html).not.toContain('<script');
  });

  it('refuses an uninvited email: no user is created and no email is sent', async () => {
    const jar = new CookieJar();
    const { requestId } = await openEmailStep(jar);
    const outboxBefore = countRows(t, 'SELECT COUNT(*) AS n FROM auth_outbox');
    const mailsBefore = mailbox.messages.length;
    const response = await post(
      '/sign-in/email',
      { request: requestId, email: 'Stranger@Nowhere.test' },
      jar,
    );
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(html).toContain('This app is invite-only');
    expect(html).toContain('stranger@nowhere.test');
    expect(t.emulator.context.directory.findUserByEmail('stranger@nowhere.test')).toBeUndefined();
    expect(countRows(t, 'SELECT COUNT(*) AS n FROM auth_outbox')).toBe(outboxBefore);
    await t.emulator.auth.idle();
    expect(mailbox.messages.length).toBe(mailsBefore);
  });

  it('offers the sign-up screen for prompt=create, still invite-only', async () => {
    const jar = new CookieJar();
    const { html, requestId } = await openEmailStep(jar, { prompt: 'create' });
    expect(html).toContain('Create your');
    expect(html).toContain('invitation only');
    const refused = await post(
      '/sign-in/email',
      { request: requestId, email: 'new@nowhere.test' },
      jar,
    );
    expect(refused.status).toBe(403);
    expect(t.emulator.context.directory.findUserByEmail('new@nowhere.test')).toBeUndefined();
  });

  it('signs in an ordinary address with the code from the email', async () => {
    const email = 'reader@acme.test';
    const userId = await addActiveUser(email);
    const result = await signInThroughHostedPage({ authorizeUrl: authorizeUrl(), email, mailbox });
    expect(result.code).toBeTruthy();
    expect(result.state).toBe('st');
    const tokens = await t.sdk.authenticateWithCode(result.code ?? '', REDIRECT_URI);
    expect(tokens.user.id).toBe(userId);
    const mail = await mailbox.waitFor(signInCodeTo(email));
    expect(extractCode(mail)).toMatch(/^\d{6}$/);
  });

  it('signs in with the magic link from the email, once', async () => {
    const email = 'linker@acme.test';
    await addActiveUser(email);
    const jar = new CookieJar();
    const { requestId } = await openEmailStep(jar);
    const before = mailbox.messages.length;
    expect((await post('/sign-in/email', { request: requestId, email }, jar)).status).toBe(303);
    const mail = await mailbox.waitFor(
      (m) => signInCodeTo(email)(m) && mailbox.messages.indexOf(m) >= before,
    );
    const link = extractLink(mail, '/sign-in/magic');
    // Opened in another browser (no cookies): still signs in there.
    const response = await get(link, new CookieJar());
    expect(response.status).toBe(303);
    const back = new URL(response.headers.get('location') ?? '');
    expect(back.origin + back.pathname).toBe(REDIRECT_URI);
    expect(back.searchParams.get('code')).toBeTruthy();
    expect((await get(link, new CookieJar())).status).toBe(400);
  });

  it('accepts a pending invitation when the invitee signs in with a code', async () => {
    const email = 'pending@acme.test';
    const { user } = await t.sdk.user.createUserAndMembership(ACME, {
      email,
      sendInvitationEmail: true,
    });
    const userId = user?.id ?? '';
    expect(t.emulator.context.directory.getMembership(ACME, userId)?.status).toBe('PENDING_INVITE');
    const result = await signInThroughHostedPage({ authorizeUrl: authorizeUrl(), email, mailbox });
    expect(result.code).toBeTruthy();
    expect(t.emulator.context.directory.getMembership(ACME, userId)?.status).toBe('ACTIVE');
  });

  it('asks a test address for the test code instead of sending people to their inbox', async () => {
    const jar = new CookieJar();
    const { requestId } = await openEmailStep(jar);
    const sent = await post('/sign-in/email', { request: requestId, email: ADMIN_EMAIL }, jar);
    const page = await (await get(sent.headers.get('location') ?? '', jar)).text();
    expect(page).toContain('<h1>Enter your test code</h1>');
    expect(page).not.toContain('Check your email');
    expect(page).toContain('424242');
  });

  it('tells an ordinary address to check its email for the code', async () => {
    const email = 'inbox@acme.test';
    await addActiveUser(email);
    const jar = new CookieJar();
    const { requestId } = await openEmailStep(jar);
    const sent = await post('/sign-in/email', { request: requestId, email }, jar);
    const page = await (await get(sent.headers.get('location') ?? '', jar)).text();
    expect(page).toContain('<h1>Check your email</h1>');
  });

  it('limits wrong codes, then asks for the email again', async () => {
    const jar = new CookieJar();
    const { requestId } = await openEmailStep(jar);
    await post('/sign-in/email', { request: requestId, email: ADMIN_EMAIL }, jar);
    for (let attempt = 1; attempt < 5; attempt++) {
      const wrong = await post('/sign-in/code', { request: requestId, code: '000000' }, jar);
      expect(wrong.status).toBe(400);
      expect(await wrong.text()).toContain(`${5 - attempt} attempt`);
    }
    const last = await post('/sign-in/code', { request: requestId, code: '000000' }, jar);
    expect(await last.text()).toContain('Too many wrong codes');
    // The right code no longer works: the code was dropped.
    const late = await post('/sign-in/code', { request: requestId, code: '424242' }, jar);
    expect(late.status).toBe(303);
    expect(late.headers.get('location')).toMatch(/^\/sign-in\?/);
  });

  it('refuses to continue a sign-in in a browser that did not start it', async () => {
    const { requestId } = await openEmailStep(new CookieJar());
    const response = await post(
      '/sign-in/email',
      { request: requestId, email: ADMIN_EMAIL },
      new CookieJar(),
    );
    expect(response.status).toBe(403);
  });

  it('skips the page with a session, and shows it again for prompt=login', async () => {
    const jar = new CookieJar();
    const first = await signInThroughHostedPage({
      authorizeUrl: authorizeUrl(),
      email: ADMIN_EMAIL,
      cookieJar: jar,
    });
    expect(first.pagesShown).toBe(2);
    const second = await signInThroughHostedPage({
      authorizeUrl: authorizeUrl(),
      email: ADMIN_EMAIL,
      cookieJar: jar,
    });
    expect(second.pagesShown).toBe(0);
    expect(second.code).toBeTruthy();
    const none = await signInThroughHostedPage({
      authorizeUrl: authorizeUrl({ prompt: 'none' }),
      email: ADMIN_EMAIL,
      cookieJar: jar,
    });
    expect(none.code).toBeTruthy();
    const again = await signInThroughHostedPage({
      authorizeUrl: authorizeUrl({ prompt: 'login' }),
      email: ADMIN_EMAIL,
      cookieJar: jar,
    });
    expect(again.pagesShown).toBe(2);
  });

  it('shows the organization picker to a member of several organizations', async () => {
    const email = 'both@acme.test';
    const userId = await addActiveUser(email, ACME);
    await t.sdk.user.createMembership(GLOBEX, userId, { roles: ['member'] });
    const jar = new CookieJar();
    const picked = await signInThroughHostedPage({
      authorizeUrl: authorizeUrl(),
      email,
      mailbox,
      cookieJar: jar,
      organizationId: GLOBEX,
    });
    expect(picked.pagesShown).toBe(3);
    const tokens = await t.sdk.authenticateWithCode(picked.code ?? '', REDIRECT_URI);
    expect((await t.sdk.validateToken<{ oid: string }>(tokens.accessToken)).oid).toBe(GLOBEX);

    // organization_id skips the picker; prompt=none with several organizations cannot choose.
    const direct = await signInThroughHostedPage({
      authorizeUrl: authorizeUrl({ organizationId: ACME }),
      email,
      cookieJar: jar,
    });
    expect(direct.pagesShown).toBe(0);
    const none = await signInThroughHostedPage({
      authorizeUrl: authorizeUrl({ prompt: 'none' }),
      email,
      cookieJar: jar,
    });
    expect(none.error).toBe('account_selection_required');
  });

  it('shows the picker for prompt=select_account and escapes organization names', async () => {
    const org = await t.sdk.organization.createOrganization('<img src=x onerror=alert(1)>', {});
    await t.sdk.user.createMembership(org.organization?.id ?? '', ADMIN_ID, {
      roles: ['member'],
      sendInvitationEmail: false,
    });
    const jar = new CookieJar();
    await signInThroughHostedPage({
      authorizeUrl: authorizeUrl({ organizationId: ACME }),
      email: ADMIN_EMAIL,
      cookieJar: jar,
    });
    const start = await get(authorizeUrl({ prompt: 'select_account' }), jar);
    const page = await get(start.headers.get('location') ?? '', jar);
    const html = await page.text();
    expect(html).toContain('Choose an organization');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img src=x');
  });

  it('switches straight to the organization that prompt=select_account names, with no page', async () => {
    await t.sdk.user.createMembership(GLOBEX, ADMIN_ID, {
      roles: ['member'],
      sendInvitationEmail: false,
    });
    const jar = new CookieJar();
    await signInThroughHostedPage({
      authorizeUrl: authorizeUrl({ organizationId: ACME }),
      email: ADMIN_EMAIL,
      cookieJar: jar,
    });
    const start = await get(
      authorizeUrl({ prompt: 'select_account', organizationId: GLOBEX }),
      jar,
    );
    expect(start.status).toBe(303);
    const back = new URL(start.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
    const code = back.searchParams.get('code') ?? '';
    const tokens = await t.sdk.authenticateWithCode(code, REDIRECT_URI);
    expect((await t.sdk.validateToken<{ oid: string }>(tokens.accessToken)).oid).toBe(GLOBEX);
  });

  it('reports the refusal through the helper as a HostedPageError', async () => {
    await expect(
      signInThroughHostedPage({
        authorizeUrl: authorizeUrl(),
        email: 'nobody+sktest@nowhere.test',
      }),
    ).rejects.toBeInstanceOf(HostedPageError);
  });
});
