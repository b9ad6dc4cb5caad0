// Editing your own name: PATCH /api/profile updates the user in Scalekit (the emulator, through
// the real SDK) and the session's user at once; bad names are refused with 422 and change nothing.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileText, PROPERTY_SETTINGS } from '@app/contracts/testing';
import {
  routes,
  type ErrorBody,
  type ListMembersResponse,
  type ProfileResponse,
  type SessionResponse,
} from '@app/contracts';
import type { Browser } from './support/browser.js';
import { startStack, type Stack } from './support/harness.js';
import { ACME_ADMIN, ACME_MEMBER, memberByEmail, parse, sendJson } from './team-fixtures.js';

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

async function sessionUser(browser: Browser): Promise<SessionResponse['user']> {
  return parse<SessionResponse>(await browser.get(routes.session)).user;
}

describe('PATCH /api/profile', () => {
  it('changes your name in Scalekit and in the session at once', async () => {
    const answer = await sendJson(member, 'PATCH', routes.profile, {
      givenName: '  Maxine ',
      familyName: 'Memberson',
    });
    expect(answer.status).toBe(200);
    expect(parse<ProfileResponse>(answer).user).toMatchObject({
      email: ACME_MEMBER,
      givenName: 'Maxine',
      familyName: 'Memberson',
      name: 'Maxine Memberson',
    });
    expect(await sessionUser(member)).toMatchObject({
      givenName: 'Maxine',
      familyName: 'Memberson',
      name: 'Maxine Memberson',
    });
    // Scalekit holds it too: the admin's team list reads it from there.
    expect(await memberByEmail(admin, ACME_MEMBER)).toMatchObject({
      givenName: 'Maxine',
      familyName: 'Memberson',
    });
  });

  it('shows the new name in the Team list at once, where the member index answers it', async () => {
    const index = stack.bff.app.memberIndex;
    index.startRebuild('org_acme');
    await index.running('org_acme');
    const answer = await sendJson(member, 'PATCH', routes.profile, {
      givenName: 'Nova',
      familyName: 'Renamed',
    });
    expect(answer.status, answer.body).toBe(200);

    const list = parse<ListMembersResponse>(await admin.get(routes.members));
    // Counts come with a list only when the index answered it (not Scalekit).
    expect(list.counts).toBeDefined();
    expect(list.members.find((row) => row.email === ACME_MEMBER)).toMatchObject({
      name: 'Nova Renamed',
      givenName: 'Nova',
      familyName: 'Renamed',
    });
    const found = parse<ListMembersResponse>(await admin.get(`${routes.members}?search=renamed`));
    expect(found.members.map((row) => row.email)).toEqual([ACME_MEMBER]);
  });

  it('refuses an empty first name with 422 naming the field, changing nothing', async () => {
    const before = await sessionUser(member);
    const answer = await sendJson(member, 'PATCH', routes.profile, {
      givenName: '   ',
      familyName: 'Other',
    });
    expect(answer.status).toBe(422);
    const body = parse<ErrorBody>(answer);
    expect(body.code).toBe('validation_failed');
    expect(body.issues?.map((issue) => issue.path)).toEqual(['givenName']);
    expect(await sessionUser(member)).toEqual(before);
  });

  it('refuses a change without the CSRF header, and a caller who is not signed in', async () => {
    const noCsrf = await member.request(routes.profile, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ givenName: 'No', familyName: 'Csrf' }),
    });
    expect(noCsrf.status).toBe(403);
    const anonymous = await sendJson(stack.browser(), 'PATCH', routes.profile, {
      givenName: 'No',
      familyName: 'Session',
    });
    expect(anonymous.status).toBe(401);
    expect((await sessionUser(member)).familyName).not.toBe('Csrf');
  });

  it('answers any name with the trimmed name saved or a 4xx {code, message}', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText(), hostileText(), async (givenName, familyName) => {
        const answer = await sendJson(member, 'PATCH', routes.profile, { givenName, familyName });
        if (answer.status === 200) {
          const { user } = parse<ProfileResponse>(answer);
          expect(user.givenName).toBe(givenName.trim());
          expect(user.familyName).toBe(familyName.trim());
          expect(await sessionUser(member)).toEqual(user);
        } else {
          expect(answer.status).toBe(422);
          const body = parse<ErrorBody>(answer);
          expect(body.code).toBe('validation_failed');
          expect(typeof body.message).toBe('string');
        }
      }),
      { ...PROPERTY_SETTINGS, numRuns: 40 },
    );
  });
});
