// Scalekit answering 429 (RESOURCE_EXHAUSTED), played by a proxy at the network edge: a bulk
// import waits as asked and retries the refused rows, so every row is still invited exactly
// once; a single invite passes the limit on to the caller as 429 with Retry-After.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, type ErrorBody } from '@app/contracts';
import type { Browser } from './support/browser.js';
import { startStack, type Stack } from './support/harness.js';
import { ACME_ADMIN, allMembers, invite, ndjson, parse, uniqueEmail } from './team-fixtures.js';
import { startThrottlingProxy, type ThrottlingProxy } from './team-throttling-proxy.js';

const CREATE = '/scalekit.v1.users.UserService/CreateUserAndMembership';

let proxy: ThrottlingProxy;
let stack: Stack;
let admin: Browser;
/** 'every-third': one create call in three is refused; 'all': every create call is refused. */
let mode: 'off' | 'every-third' | 'all' = 'off';
let creates = 0;

beforeAll(async () => {
  proxy = await startThrottlingProxy({
    target: () => stack.emulator.port,
    message: 'rate limit exceeded, retry after 200ms',
    throttle: (path) => {
      if (path !== CREATE || mode === 'off') return false;
      creates += 1;
      return mode === 'all' || creates % 3 === 1;
    },
  });
  // The emulator's issuer is the proxy, so the BFF and the browser reach it only through it.
  stack = await startStack({ emulatorSettings: { issuer: proxy.url } });
  admin = await stack.signIn(ACME_ADMIN);
});

afterAll(async () => {
  await stack?.stop();
  await proxy?.close();
});

describe('Scalekit rate limits', () => {
  it('retries the rows Scalekit refused with 429 after the delay, inviting each row once', async () => {
    const emails = Array.from({ length: 12 }, () => uniqueEmail('throttled'));
    mode = 'every-third';
    const started = Date.now();

    const response = await admin.request(routes.bulkInvitations, {
      method: 'POST',
      csrf: true,
      headers: { 'content-type': 'text/csv' },
      body: ['email', ...emails].join('\n'),
    });
    mode = 'off';

    const finished = ndjson(response.body).at(-1);
    expect(finished).toEqual({
      type: 'finished',
      total: 12,
      invited: 12,
      alreadyMember: 0,
      rejected: 0,
      notAttempted: 0,
      interrupted: null,
    });
    expect(proxy.throttled.get(CREATE)).toBeGreaterThanOrEqual(4);
    expect(proxy.forwarded.get(CREATE)).toBe(12);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    const invited = new Set(
      (await allMembers(admin, 'search=throttled-')).map((member) => member.email),
    );
    expect(emails.every((email) => invited.has(email))).toBe(true);
  });

  it('answers a single invite refused by Scalekit with 429 rate_limited and Retry-After', async () => {
    mode = 'all';
    const email = uniqueEmail('limited');

    const response = await invite(admin, email);
    mode = 'off';

    expect(response.status).toBe(429);
    expect(parse<ErrorBody>(response).code).toBe('rate_limited');
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await allMembers(admin, `search=${email}`)).toEqual([]);
  });
});
