// Inviting one person: who may, what Scalekit ends up holding, and the email that goes out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitationTo } from '@app/scalekit-emulator/testing';
import { routes, type ErrorBody, type MemberResponse } from '@app/contracts';
import type { Browser } from './support/browser.js';
import { startStack, type Stack } from './support/harness.js';
import {
  ACME_ADMIN,
  ACME_MEMBER,
  GLOBEX_ADMIN,
  invite,
  memberByEmail,
  parse,
  sendJson,
  uniqueEmail,
} from './team-fixtures.js';

let stack: Stack;
let admin: Browser;
let member: Browser;

beforeAll(async () => {
  stack = await startStack();
  admin = await stack.signIn(ACME_ADMIN);
  member = await stack.signIn(ACME_MEMBER);
});

afterAll(async () => {
  await stack?.stop();
});

describe('POST /api/team/invitations', () => {
  it('lets an admin invite someone, who is pending with the role and gets the email', async () => {
    const email = uniqueEmail('ivy');
    const response = await sendJson(admin, 'POST', routes.invitations, {
      email: email.toUpperCase(),
      givenName: 'Ivy',
      familyName: 'Invitee',
      role: 'admin',
    });

    expect(response.status).toBe(201);
    const created = parse<MemberResponse>(response).member;
    expect(created).toMatchObject({
      email,
      status: 'pending',
      roles: ['admin'],
      givenName: 'Ivy',
      familyName: 'Invitee',
      invitedBy: ACME_ADMIN,
      acceptedAt: null,
    });
    expect(created.invitedAt).not.toBeNull();
    expect(created.expiresAt).not.toBeNull();
    const mail = await stack.mailbox.waitFor(invitationTo(email), 10_000);
    expect(mail.subject).toContain('Acme');
    expect(await memberByEmail(admin, email)).toMatchObject({
      status: 'pending',
      roles: ['admin'],
    });
  });

  it('refuses to invite an email that already belongs to the organization', async () => {
    const email = uniqueEmail('twice');
    expect((await invite(admin, email)).status).toBe(201);

    const again = await invite(admin, email);
    expect(again.status).toBe(409);
    expect(parse<ErrorBody>(again).code).toBe('already_member');
    const active = await invite(admin, ACME_MEMBER);
    expect(active.status).toBe(409);
    expect(parse<ErrorBody>(active).code).toBe('already_member');
  });

  it('invites someone who already has an account in another organization', async () => {
    const response = await invite(admin, GLOBEX_ADMIN);

    expect(response.status).toBe(201);
    expect(parse<MemberResponse>(response).member).toMatchObject({
      email: GLOBEX_ADMIN,
      status: 'pending',
      roles: ['member'],
    });
  });

  it('refuses an unknown role and a malformed email with 422, creating nobody', async () => {
    const email = uniqueEmail('norole');
    const unknownRole = await invite(admin, email, 'owner');
    const badEmail = await invite(admin, 'not-an-email', 'member');

    expect(unknownRole.status).toBe(422);
    expect(parse<ErrorBody>(unknownRole).code).toBe('validation_failed');
    expect(badEmail.status).toBe(422);
    expect(parse<ErrorBody>(badEmail).code).toBe('validation_failed');
    expect(await memberByEmail(admin, email)).toBeUndefined();
  });

  it('refuses a member who is not an admin with 403, creating nobody', async () => {
    const email = uniqueEmail('sneaky');
    const response = await invite(member, email);

    expect(response.status).toBe(403);
    expect(parse<ErrorBody>(response).code).toBe('forbidden');
    expect(await memberByEmail(admin, email)).toBeUndefined();
  });

  it('takes the organization from the session, never from the body', async () => {
    const email = uniqueEmail('elsewhere');
    const response = await sendJson(admin, 'POST', routes.invitations, {
      email,
      role: 'member',
      organizationId: 'org_globex',
    });

    expect(response.status).toBe(201);
    const globexAdmin = await stack.signIn(GLOBEX_ADMIN);
    expect(await memberByEmail(globexAdmin, email)).toBeUndefined();
    expect(await memberByEmail(admin, email)).toBeDefined();
  });

  it('answers 401 to a caller without a session', async () => {
    const response = await invite(stack.browser(), uniqueEmail('anon'));
    expect(response.status).toBe(401);
  });
});
