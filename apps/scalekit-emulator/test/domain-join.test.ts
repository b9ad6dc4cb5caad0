// "Join" in the hosted organization picker: an allowed email domain lets a person who is not a
// member yet join the organization, as an ACTIVE member with the default role.
import { MembershipStatus } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/commons/commons_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar, parseForm } from '../src/testing/index.js';
import {
  ACME,
  GLOBEX,
  REDIRECT_URI,
  decodeJwtPayload,
  startAuthEmulator,
  type AuthTestEmulator,
} from './support/auth-fixtures.js';
import { startReceiver, type Receiver } from './support/receiver.js';

let t: AuthTestEmulator;
let hooks: Receiver;

beforeAll(async () => {
  hooks = await startReceiver();
  t = await startAuthEmulator({ webhookUrl: `${hooks.url}/hooks` });
});
afterAll(async () => {
  await t.close();
  await hooks.close();
});

async function send(path: string, jar: CookieJar, form?: Record<string, string>) {
  const response = await fetch(new URL(path, t.emulator.url), {
    method: form ? 'POST' : 'GET',
    redirect: 'manual',
    headers: {
      cookie: jar.header() ?? '',
      ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  jar.store(response);
  return response;
}

/** Signs in with the test code and stops at the organization picker; returns its HTML. */
async function reachPicker(email: string, jar: CookieJar) {
  const authorize = t.sdk.getAuthorizationUrl(REDIRECT_URI, { state: 'st', scopes: ['openid'] });
  const start = await send(authorize, jar);
  const emailPage = await send(start.headers.get('location') ?? '', jar);
  const requestId = parseForm(await emailPage.text())?.fields.get('request') ?? '';
  await send('/sign-in/email', jar, { request: requestId, email });
  const afterCode = await send('/sign-in/code', jar, { request: requestId, code: '424242' });
  expect(afterCode.status).toBe(303);
  const picker = await send(afterCode.headers.get('location') ?? '', jar);
  return { requestId, html: await picker.text(), status: picker.status };
}

async function addToGlobex(email: string): Promise<string> {
  const { user } = await t.sdk.user.createUserAndMembership(GLOBEX, {
    email,
    sendInvitationEmail: false,
  });
  return user?.id ?? '';
}

describe('joining an organization through its allowed email domain', () => {
  it('offers Join for Acme to an acme.test address and makes an ACTIVE member with the default role', async () => {
    const email = 'joiner+sktest@acme.test';
    const userId = await addToGlobex(email);
    const jar = new CookieJar();
    const { requestId, html } = await reachPicker(email, jar);
    const form = parseForm(html);
    expect(form?.radios.get('organization_id')).toEqual([GLOBEX, ACME]);
    expect(html).toMatch(/Acme<\/span>\s*<span class="tag">Join<\/span>/);

    const chosen = await send('/sign-in/organization', jar, {
      request: requestId,
      organization_id: ACME,
    });
    const back = new URL(chosen.headers.get('location') ?? '');
    expect(back.origin + back.pathname).toBe(REDIRECT_URI);
    const tokens = await t.sdk.authenticateWithCode(
      back.searchParams.get('code') ?? '',
      REDIRECT_URI,
    );
    expect(decodeJwtPayload(tokens.accessToken).oid).toBe(ACME);

    const { user } = await t.sdk.user.getUser(userId);
    const membership = user?.memberships.find((m) => m.organizationId === ACME);
    expect(membership?.membershipStatus).toBe(MembershipStatus.ACTIVE);
    expect(membership?.roles.map((r) => r.name)).toEqual(['member']);
    expect(membership?.provisioningMethod).toBe('allowed_email_domain');

    const created = await hooks.waitFor(
      (r) =>
        r.json.type === 'user.organization_membership_created' &&
        r.json.organization_id === ACME &&
        r.body.includes(userId),
    );
    expect(created.json.data).toMatchObject({
      membership: { membership_status: 'ACTIVE', provisioning_method: 'allowed_email_domain' },
    });
  });

  it('refuses Join past the seat limit, showing the limit and creating nothing', async () => {
    const email = 'no-seat+sktest@acme.test';
    const userId = await addToGlobex(email);
    const { totalSize } = await t.sdk.user.listOrganizationUsers(ACME, { pageSize: 1 });
    await t.sdk.organization.upsertUserManagementSettings(ACME, { maxAllowedUsers: totalSize });
    try {
      const jar = new CookieJar();
      const { requestId } = await reachPicker(email, jar);
      const refused = await send('/sign-in/organization', jar, {
        request: requestId,
        organization_id: ACME,
      });
      expect(refused.status).toBe(409);
      expect(await refused.text()).toContain(
        `organization user limit reached (${totalSize}/${totalSize})`,
      );
      const { user } = await t.sdk.user.getUser(userId);
      expect(user?.memberships.map((m) => m.organizationId)).toEqual([GLOBEX]);
    } finally {
      await t.sdk.organization.upsertUserManagementSettings(ACME, { maxAllowedUsers: 0 });
    }
  });

  it('does not offer Join to an address on another domain, and refuses a forged choice', async () => {
    const email = 'outsider+sktest@elsewhere.test';
    const userId = await addToGlobex(email);
    const jar = new CookieJar();
    // One membership and nothing to join: no picker, straight back to the application.
    const authorize = t.sdk.getAuthorizationUrl(REDIRECT_URI, {
      state: 'st',
      scopes: ['openid'],
      prompt: 'select_account',
    });
    const start = await send(authorize, jar);
    const emailPage = await send(start.headers.get('location') ?? '', jar);
    const requestId = parseForm(await emailPage.text())?.fields.get('request') ?? '';
    await send('/sign-in/email', jar, { request: requestId, email });
    await send('/sign-in/code', jar, { request: requestId, code: '424242' });
    const forged = await send('/sign-in/organization', jar, {
      request: requestId,
      organization_id: ACME,
    });
    expect(forged.status).toBe(400);
    const { user } = await t.sdk.user.getUser(userId);
    expect(user?.memberships.map((m) => m.organizationId)).toEqual([GLOBEX]);
  });

  it('stops offering Join once the allowed domain is deleted', async () => {
    const email = 'late-joiner+sktest@acme.test';
    await addToGlobex(email);
    const { domains } = await t.sdk.domain.listDomains(ACME, {
      domainType: 'ALLOWED_EMAIL_DOMAIN',
    });
    for (const domain of domains) await t.sdk.domain.deleteDomain(ACME, domain.id);

    const jar = new CookieJar();
    const authorize = t.sdk.getAuthorizationUrl(REDIRECT_URI, { state: 'st', scopes: ['openid'] });
    const start = await send(authorize, jar);
    const emailPage = await send(start.headers.get('location') ?? '', jar);
    const requestId = parseForm(await emailPage.text())?.fields.get('request') ?? '';
    await send('/sign-in/email', jar, { request: requestId, email });
    const afterCode = await send('/sign-in/code', jar, { request: requestId, code: '424242' });
    // Only Globex is left, so the code goes straight back to the application.
    const back = new URL(afterCode.headers.get('location') ?? '');
    expect(back.origin + back.pathname).toBe(REDIRECT_URI);
  });
});
