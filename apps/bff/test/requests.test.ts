// The approval inbox against the emulator, a real SMTP mailbox and the app's database: members
// propose, admins approve (the invitation goes out then) or decline (the requester is emailed),
// people on a request-to-join domain ask to join by proving their address, and a CSV import can
// send the rows past the seat limit to the inbox. Nothing is sent before approval.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extractLink, invitationTo, sentTo, type ParsedMail } from '@app/scalekit-emulator/testing';
import {
  routes,
  type AccessRequest,
  type AccessRequestResponse,
  type BulkDecisionResponse,
  type BulkInviteEvent,
  type ErrorBody,
  type JoinRequestStatusResponse,
  type ListAccessRequestsResponse,
  type ListAuditResponse,
  type ListMembersResponse,
  type RequestJoinDomainsResponse,
  type SeatUsage,
} from '@app/contracts';
import type { Browser, RecordedResponse } from './support/browser.js';
import { startStack, type Stack } from './support/harness.js';
import {
  ACME_ADMIN,
  ACME_MEMBER,
  memberByEmail,
  ndjson,
  parse,
  sendJson,
  uniqueEmail,
} from './team-fixtures.js';

let stack: Stack;
let admin: Browser;
let member: Browser;

beforeAll(async () => {
  stack = await startStack({ env: { JOIN_REQUESTS_PER_ADDRESS_PER_HOUR: '2' } });
  admin = await stack.signIn(ACME_ADMIN);
  member = await stack.signIn(ACME_MEMBER);
});

afterAll(async () => {
  await stack?.stop();
});

const mailKind = (mail: ParsedMail): unknown => mail.headers.get('x-teamspace-mail-kind');
const teamspaceMail = (kind: string, email: string) => (mail: ParsedMail) =>
  sentTo(email)(mail) && mailKind(mail) === kind;

/** Lets any email being sent arrive before asserting that none did. */
async function mailSettled(): Promise<void> {
  await stack.emulator.auth.idle();
  await new Promise((resolve) => setTimeout(resolve, 300));
}

async function propose(
  browser: Browser,
  email: string,
  extra: object = {},
): Promise<AccessRequest> {
  const response = await sendJson(browser, 'POST', routes.requests, { email, ...extra });
  expect(response.status).toBe(201);
  return parse<AccessRequestResponse>(response).request;
}

async function inbox(browser: Browser, status = 'pending'): Promise<ListAccessRequestsResponse> {
  const response = await browser.get(`${routes.requests}?status=${status}`);
  expect(response.status).toBe(200);
  return parse<ListAccessRequestsResponse>(response);
}

function approve(id: string, role = 'member', browser = admin): Promise<RecordedResponse> {
  return sendJson(browser, 'POST', routes.requestApprove(id), { role });
}

function decline(id: string, reason: string, browser = admin): Promise<RecordedResponse> {
  return sendJson(browser, 'POST', routes.requestDecline(id), { reason });
}

async function setLimit(limit: number | null): Promise<SeatUsage> {
  const response = await sendJson(admin, 'PUT', routes.seats, { limit });
  expect(response.status).toBe(200);
  return parse<SeatUsage>(response);
}

async function auditKindsAbout(email: string): Promise<string[]> {
  const response = await admin.get(`${routes.audit}?member=${encodeURIComponent(email)}`);
  return parse<ListAuditResponse>(response).entries.map((entry) => entry.kind);
}

describe('a member proposing someone', () => {
  it('files a pending proposal that the member sees as their own and sends nothing yet', async () => {
    const email = uniqueEmail('proposed');
    const request = await propose(member, email, {
      suggestedRole: 'member',
      note: 'Our new designer',
    });

    expect(request).toMatchObject({
      kind: 'proposal',
      status: 'pending',
      email,
      suggestedRole: 'member',
      note: 'Our new designer',
      requestedBy: ACME_MEMBER,
    });
    expect((await inbox(member, 'all')).requests.map((r) => r.id)).toContain(request.id);
    const adminView = await inbox(admin);
    expect(adminView.requests.map((r) => r.id)).toContain(request.id);
    expect(adminView.pendingCount).toBeGreaterThanOrEqual(1);
    await mailSettled();
    expect(stack.mailbox.messages.filter(sentTo(email))).toEqual([]);
    expect(await memberByEmail(admin, email)).toBeUndefined();
    expect(await auditKindsAbout(email)).toEqual(['request.created']);
  });

  it('shows a member only their own proposals', async () => {
    const byAdmin = await propose(admin, uniqueEmail('admins-own'));
    const listed = await inbox(member, 'all');
    expect(listed.requests.map((r) => r.id)).not.toContain(byAdmin.id);
    expect(listed.requests.every((r) => r.requestedBy === ACME_MEMBER)).toBe(true);
  });

  it('answers the open proposal again when the same person is proposed twice', async () => {
    const email = uniqueEmail('twice');
    const first = await propose(member, email);
    const again = await sendJson(admin, 'POST', routes.requests, { email });
    expect(again.status).toBe(200);
    expect(parse<AccessRequestResponse>(again).request.id).toBe(first.id);
  });

  it('refuses to propose someone already in the organization', async () => {
    const response = await sendJson(member, 'POST', routes.requests, { email: ACME_ADMIN });
    expect(response.status).toBe(409);
    expect(parse<ErrorBody>(response).code).toBe('already_member');
  });

  it('refuses a proposal without the CSRF header and files nothing', async () => {
    const email = uniqueEmail('no-csrf');
    const response = await member.request(routes.requests, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    });
    expect(response.status).toBe(403);
    expect(parse<ErrorBody>(response).code).toBe('csrf_rejected');
    expect((await inbox(admin)).requests.map((r) => r.email)).not.toContain(email);
  });

  it('refuses every generated bad body with a {code, message} 4xx and files nothing', async () => {
    const before = (await inbox(admin)).pendingCount;
    const badBody = fc.oneof(
      fc.record({ email: fc.string({ maxLength: 40 }) }).map((body) => JSON.stringify(body)),
      fc
        .record({
          email: fc.constant('x@acme.test'),
          suggestedRole: fc.string({ minLength: 1 }).filter((r) => !/^[a-z0-9_-]+$/.test(r)),
        })
        .map((body) => JSON.stringify(body)),
      fc.constantFrom('', '[]', '{"email":', '{"email":"a@acme.test","extra":1}'),
    );
    await fc.assert(
      fc.asyncProperty(badBody, async (body) => {
        const response = await member.request(routes.requests, {
          method: 'POST',
          csrf: true,
          headers: { 'content-type': 'application/json' },
          body,
        });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(typeof parse<ErrorBody>(response).code).toBe('string');
      }),
      { seed: 20261130, numRuns: 25, interruptAfterTimeLimit: 15_000 },
    );
    expect((await inbox(admin)).pendingCount).toBe(before);
  });
});

describe('an admin deciding', () => {
  it('approves with a role: the invitation goes out then, and every step is audited', async () => {
    const email = uniqueEmail('approved');
    const request = await propose(member, email);

    const response = await approve(request.id, 'admin');

    expect(response.status).toBe(200);
    expect(parse<AccessRequestResponse>(response).request).toMatchObject({
      status: 'approved',
      role: 'admin',
      decidedBy: ACME_ADMIN,
    });
    await stack.mailbox.waitFor(invitationTo(email), 10_000);
    expect(await memberByEmail(admin, email)).toMatchObject({
      status: 'pending',
      roles: ['admin'],
    });
    expect(await auditKindsAbout(email)).toEqual([
      'request.approved',
      'member.invited',
      'request.created',
    ]);
  });

  it('treats a second approval as harmless and refuses a conflicting decline', async () => {
    const email = uniqueEmail('twice-approved');
    const request = await propose(member, email);
    expect((await approve(request.id)).status).toBe(200);
    await stack.mailbox.waitFor(invitationTo(email), 10_000);

    const again = await approve(request.id);
    expect(again.status).toBe(200);
    expect(parse<AccessRequestResponse>(again).request.status).toBe('approved');
    const conflicting = await decline(request.id, 'Changed my mind');
    expect(conflicting.status).toBe(409);
    expect(parse<ErrorBody>(conflicting).code).toBe('request_already_decided');

    await mailSettled();
    expect(stack.mailbox.messages.filter(invitationTo(email))).toHaveLength(1);
  });

  it('declines with a reason, emails the member who proposed, and sends the person nothing', async () => {
    const email = uniqueEmail('declined');
    const request = await propose(member, email);

    const response = await decline(request.id, 'We are not hiring for this team');

    expect(response.status).toBe(200);
    expect(parse<AccessRequestResponse>(response).request).toMatchObject({
      status: 'declined',
      declineReason: 'We are not hiring for this team',
    });
    const mail = await stack.mailbox.waitFor(
      (m) => teamspaceMail('request-declined', ACME_MEMBER)(m) && (m.text ?? '').includes(email),
      10_000,
    );
    expect(mail.text).toContain('We are not hiring for this team');
    await mailSettled();
    expect(stack.mailbox.messages.filter(sentTo(email))).toEqual([]);
    expect((await approve(request.id)).status).toBe(409);
    expect(await auditKindsAbout(email)).toEqual(['request.declined', 'request.created']);
  });

  it('refuses a member’s decision with 403 and leaves the request pending', async () => {
    const request = await propose(member, uniqueEmail('self-approve'));
    const response = await approve(request.id, 'admin', member);
    expect(response.status).toBe(403);
    expect((await inbox(admin)).requests.find((r) => r.id === request.id)?.status).toBe('pending');
  });

  it('refuses an unknown role with 422 and a request of nobody with 404', async () => {
    const request = await propose(member, uniqueEmail('bad-role'));
    expect((await approve(request.id, 'wizard')).status).toBe(422);
    expect((await approve('req_doesnotexist000000')).status).toBe(404);
  });

  it('refuses an approval past the seat limit; the request stays pending and nothing is sent', async () => {
    const email = uniqueEmail('seatless');
    const request = await propose(member, email);
    const usage = await setLimit((await setLimit(null)).used);
    try {
      const response = await approve(request.id);
      expect(response.status).toBe(409);
      expect(parse<ErrorBody>(response).code).toBe('seat_limit_reached');
      expect((await inbox(admin)).requests.find((r) => r.id === request.id)?.status).toBe(
        'pending',
      );
      await mailSettled();
      expect(stack.mailbox.messages.filter(sentTo(email))).toEqual([]);

      await setLimit(usage.used + 1);
      expect((await approve(request.id)).status).toBe(200);
      await stack.mailbox.waitFor(invitationTo(email), 10_000);
    } finally {
      await setLimit(null);
    }
  });

  it('approves in bulk, reporting a request decided otherwise as refused', async () => {
    const [one, two, three] = await Promise.all([
      propose(member, uniqueEmail('bulk')),
      propose(member, uniqueEmail('bulk')),
      propose(member, uniqueEmail('bulk')),
    ]);
    expect((await decline(three.id, 'No')).status).toBe(200);

    const response = await sendJson(admin, 'POST', routes.requestDecisions, {
      decision: 'approve',
      role: 'member',
      requestIds: [one.id, two.id, three.id],
    });

    expect(response.status).toBe(200);
    const { results } = parse<BulkDecisionResponse>(response);
    expect(results.map((r) => [r.requestId, r.outcome, r.code])).toEqual([
      [one.id, 'decided', undefined],
      [two.id, 'decided', undefined],
      [three.id, 'refused', 'request_already_decided'],
    ]);
    await stack.mailbox.waitFor(invitationTo(one.email), 10_000);
    await stack.mailbox.waitFor(invitationTo(two.email), 10_000);
  });

  it('declines in bulk and emails the requester once per request', async () => {
    const [one, two] = await Promise.all([
      propose(member, uniqueEmail('bulk-no')),
      propose(member, uniqueEmail('bulk-no')),
    ]);
    const response = await sendJson(admin, 'POST', routes.requestDecisions, {
      decision: 'decline',
      reason: 'Budget',
      requestIds: [one.id, two.id],
    });
    expect(parse<BulkDecisionResponse>(response).results.map((r) => r.outcome)).toEqual([
      'decided',
      'decided',
    ]);
    for (const request of [one, two]) {
      await stack.mailbox.waitFor(
        (m) =>
          teamspaceMail('request-declined', ACME_MEMBER)(m) &&
          (m.text ?? '').includes(request.email),
        10_000,
      );
    }
  });
});

describe('request-to-join domains', () => {
  it('are added and removed by admins, listed once each', async () => {
    const domain = `corp-${Date.now()}.test`;
    const added = await sendJson(admin, 'POST', routes.requestJoinDomains, {
      domain: domain.toUpperCase(),
    });
    expect(added.status).toBe(200);
    expect(parse<RequestJoinDomainsResponse>(added)).toMatchObject({
      joinRequestsAvailable: true,
      domains: expect.arrayContaining([expect.objectContaining({ domain })]) as unknown,
    });
    const removed = await admin.request(routes.requestJoinDomain(domain), {
      method: 'DELETE',
      csrf: true,
    });
    expect(removed.status).toBe(200);
    expect(parse<RequestJoinDomainsResponse>(removed).domains.map((d) => d.domain)).not.toContain(
      domain,
    );
  });

  it.each(['gmail.com', 'outlook.com', 'mailinator.com'])(
    'refuses %s as a public or disposable domain',
    async (domain) => {
      const response = await sendJson(admin, 'POST', routes.requestJoinDomains, { domain });
      expect(response.status).toBe(422);
      expect(parse<ErrorBody>(response).code).toBe('domain_not_allowed');
      const listed = parse<RequestJoinDomainsResponse>(await admin.get(routes.requestJoinDomains));
      expect(listed.domains.map((d) => d.domain)).not.toContain(domain);
    },
  );

  it('are for admins only', async () => {
    expect((await member.get(routes.requestJoinDomains)).status).toBe(403);
    const response = await sendJson(member, 'POST', routes.requestJoinDomains, {
      domain: 'x-corp.test',
    });
    expect(response.status).toBe(403);
  });
});

describe('asking to join from the sign-in page', () => {
  const ask = (email: string) => sendJson(stack.browser(), 'POST', routes.joinRequests, { email });
  const confirm = (token: string) =>
    sendJson(stack.browser(), 'POST', routes.joinRequestConfirm, { token });

  it('files the request only once the emailed link is followed, and the requester follows it', async () => {
    const domain = `initech-${Date.now()}.test`;
    await sendJson(admin, 'POST', routes.requestJoinDomains, { domain });
    const email = `peter@${domain}`;

    const asked = await ask(email);

    expect(asked.status).toBe(202);
    expect((await inbox(admin)).requests.map((r) => r.email)).not.toContain(email);
    const linkMail = await stack.mailbox.waitFor(teamspaceMail('join-link', email), 10_000);
    const token = new URL(extractLink(linkMail, '/join-request')).searchParams.get('confirm') ?? '';

    const confirmed = await confirm(token);

    expect(confirmed.status).toBe(200);
    const status = parse<JoinRequestStatusResponse>(confirmed);
    expect(status).toMatchObject({
      email,
      requests: [{ organizationName: 'Acme', status: 'pending' }],
    });
    const filed = (await inbox(admin)).requests.find((r) => r.email === email);
    expect(filed).toMatchObject({ kind: 'join', requestedBy: email });
    expect((await confirm(token)).status).toBe(400);

    const received = await stack.mailbox.waitFor(teamspaceMail('request-received', email), 10_000);
    const statusToken =
      new URL(extractLink(received, '/join-request')).searchParams.get('token') ?? '';
    expect((await decline(filed?.id ?? '', 'Contractors join through their agency')).status).toBe(
      200,
    );
    await stack.mailbox.waitFor(teamspaceMail('request-declined', email), 10_000);

    const later = await stack.browser().get(`${routes.joinRequestStatus}?token=${statusToken}`);
    expect(parse<JoinRequestStatusResponse>(later).requests).toEqual([
      expect.objectContaining({
        status: 'declined',
        declineReason: 'Contractors join through their agency',
      }),
    ]);
    const audit = await auditKindsAbout(email);
    expect(audit).toEqual(['request.declined', 'request.created']);
  });

  it('answers the same for a domain no team takes, and emails that instead of a link', async () => {
    const email = `someone@nobody-${Date.now()}.test`;
    const asked = await ask(email);
    expect(asked.status).toBe(202);
    await stack.mailbox.waitFor(teamspaceMail('join-no-team', email), 10_000);
    expect(stack.mailbox.messages.filter(teamspaceMail('join-link', email))).toEqual([]);
  });

  it('limits how often one address may ask', async () => {
    const email = `limited@rate-${Date.now()}.test`;
    expect((await ask(email)).status).toBe(202);
    expect((await ask(email)).status).toBe(202);
    const third = await ask(email);
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).not.toBeNull();
  });

  it('refuses every forged or altered link with 400 or 422 and files nothing', async () => {
    const before = (await inbox(admin)).pendingCount;
    const token = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9_-]{16,80}\.[A-Za-z0-9_-]{10,60}$/),
      fc.string({ minLength: 0, maxLength: 100 }),
    );
    await fc.assert(
      fc.asyncProperty(token, async (value) => {
        const response = await confirm(value);
        expect([400, 422, 429]).toContain(response.status);
        expect(typeof parse<ErrorBody>(response).code).toBe('string');
      }),
      { seed: 20261130, numRuns: 30, interruptAfterTimeLimit: 15_000 },
    );
    expect((await inbox(admin)).pendingCount).toBe(before);
  });
});

describe('a CSV import past the seat limit', () => {
  async function importCsv(csv: string, overSeatLimit: string): Promise<RecordedResponse> {
    return admin.request(`${routes.bulkInvitations}?overSeatLimit=${overSeatLimit}`, {
      method: 'POST',
      csrf: true,
      headers: { 'content-type': 'text/csv' },
      body: csv,
    });
  }

  it('sends the rows past the limit to the approval inbox, sending them nothing', async () => {
    const [fits, over1, over2] = [uniqueEmail('fits'), uniqueEmail('held'), uniqueEmail('held')];
    await setLimit((await setLimit(null)).used + 1);
    try {
      const response = await importCsv(
        `email,role\n${fits},member\n${over1},admin\n${over2},\n`,
        'send_to_inbox',
      );
      expect(response.status).toBe(200);
      const events = ndjson(response.body);
      const rows = events.filter(
        (e): e is Extract<BulkInviteEvent, { type: 'row' }> => e.type === 'row',
      );
      expect(Object.fromEntries(rows.map((row) => [row.email, row.outcome]))).toEqual({
        [fits]: 'invited',
        [over1]: 'queued',
        [over2]: 'queued',
      });
      expect(events.at(-1)).toMatchObject({ type: 'finished', invited: 1, queued: 2 });
      const held = (await inbox(admin)).requests.filter((r) => [over1, over2].includes(r.email));
      expect(held.map((r) => [r.email, r.kind, r.suggestedRole]).sort()).toEqual(
        [
          [over1, 'seat_limit', 'admin'],
          [over2, 'seat_limit', 'member'],
        ].sort(),
      );
      await stack.mailbox.waitFor(invitationTo(fits), 10_000);
      await mailSettled();
      expect(stack.mailbox.messages.filter((m) => sentTo(over1)(m) || sentTo(over2)(m))).toEqual(
        [],
      );
    } finally {
      await setLimit(null);
    }
  });

  it('keeps a held-back row’s external id and metadata, and invites with them once approved', async () => {
    const [fits, held] = [uniqueEmail('fits'), uniqueEmail('held-extras')];
    const externalId = `hr-${Date.now()}`;
    await setLimit((await setLimit(null)).used + 1);
    let requestId: string | undefined;
    try {
      const response = await importCsv(
        `email,external_id,metadata.department\n${fits},,\n${held},${externalId},Sales\n`,
        'send_to_inbox',
      );
      expect(response.status).toBe(200);
      requestId = (await inbox(admin)).requests.find((r) => r.email === held)?.id;
    } finally {
      await setLimit(null);
    }
    if (requestId === undefined) throw new Error('the held-back row is not in the inbox');
    expect((await approve(requestId)).status).toBe(200);
    const found = await admin.get(`${routes.members}?externalId=${encodeURIComponent(externalId)}`);
    expect(parse<ListMembersResponse>(found).members).toEqual([
      expect.objectContaining({
        email: held,
        externalId,
        metadata: expect.objectContaining({ department: 'Sales' }) as unknown,
      }),
    ]);
  });

  it('refuses the whole file before sending anything when the admin chose to stop', async () => {
    const [one, two] = [uniqueEmail('stop'), uniqueEmail('stop')];
    await setLimit((await setLimit(null)).used + 1);
    try {
      const response = await importCsv(`email\n${one}\n${two}\n`, 'stop');
      expect(response.status).toBe(409);
      expect(parse<ErrorBody>(response).code).toBe('seat_limit_reached');
      await mailSettled();
      expect(stack.mailbox.messages.filter((m) => sentTo(one)(m) || sentTo(two)(m))).toEqual([]);
      expect(await memberByEmail(admin, one)).toBeUndefined();
    } finally {
      await setLimit(null);
    }
  });
});

describe('without an SMTP server', () => {
  let bare: Stack;
  beforeAll(async () => {
    bare = await startStack({ env: { SMTP_URL: '' } });
  });
  afterAll(async () => {
    await bare?.stop();
  });

  it('refuses asking to join with join_requests_unavailable while proposals still work', async () => {
    const asked = await sendJson(bare.browser(), 'POST', routes.joinRequests, {
      email: 'a@acme.test',
    });
    expect(asked.status).toBe(503);
    expect(parse<ErrorBody>(asked).code).toBe('join_requests_unavailable');

    const bareAdmin = await bare.signIn(ACME_ADMIN);
    const domains = parse<RequestJoinDomainsResponse>(
      await bareAdmin.get(routes.requestJoinDomains),
    );
    expect(domains.joinRequestsAvailable).toBe(false);
    const proposed = await sendJson(bareAdmin, 'POST', routes.requests, {
      email: uniqueEmail('bare'),
    });
    expect(proposed.status).toBe(201);
  });
});
