// The app's own limits on inviting (besides Scalekit's): per session and per client IP, both
// enforced on the same route, each with 429 rate_limited and Retry-After. Every session here
// shares one IP (loopback), so each limit is shown where the other cannot be the cause.
import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorBody } from '@app/contracts';
import { startStack, type Stack } from './support/harness.js';
import { ACME_ADMIN, invite, parse, uniqueEmail } from './team-fixtures.js';

let stack: Stack | undefined;

afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

describe('invite limits', () => {
  it('limits one session, while another session from the same address goes on', async () => {
    stack = await startStack({
      env: { RATE_LIMIT_INVITE_PER_MINUTE: '2', RATE_LIMIT_INVITE_PER_IP_PER_MINUTE: '100' },
    });
    const first = await stack.signIn(ACME_ADMIN);
    const second = await stack.signIn(ACME_ADMIN);
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt += 1)
      statuses.push((await invite(first, uniqueEmail('limited-session'))).status);
    expect(statuses).toEqual([201, 201, 429]);
    const refused = await invite(first, uniqueEmail('limited-session'));
    expect(parse<ErrorBody>(refused).code).toBe('rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await invite(second, uniqueEmail('other-session'))).status).toBe(201);
  });

  it('limits one address across its sessions', async () => {
    stack = await startStack({
      env: { RATE_LIMIT_INVITE_PER_MINUTE: '100', RATE_LIMIT_INVITE_PER_IP_PER_MINUTE: '3' },
    });
    const first = await stack.signIn(ACME_ADMIN);
    const second = await stack.signIn(ACME_ADMIN);
    const statuses = [
      (await invite(first, uniqueEmail('limited-ip'))).status,
      (await invite(second, uniqueEmail('limited-ip'))).status,
      (await invite(first, uniqueEmail('limited-ip'))).status,
      (await invite(second, uniqueEmail('limited-ip'))).status,
    ];
    expect(statuses).toEqual([201, 201, 201, 429]);
  });
});
