// Who may join, against the emulator: an admin manages the allowed email domains at Scalekit
// (public and disposable providers refused, each change in the audit log) and the invitation
// policy, which the single invite and every CSV row (preview and import alike) obey, with
// nothing created or emailed on a refusal. People on an allowed domain join from the picker.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sentTo } from '@app/scalekit-emulator/testing';
import {
  routes,
  type AllowedDomainResponse,
  type BulkInviteEvent,
  type BulkInvitePreviewResponse,
  type ErrorBody,
  type InvitationPolicyResponse,
  type ListAllowedDomainsResponse,
  type ListAuditResponse,
  type SeatUsage,
  type UpdateInvitationPolicyBody,
} from '@app/contracts';
import type { Browser } from './support/browser.js';
import { startStack, type Stack } from './support/harness.js';
import {
  ACME_ADMIN,
  ACME_MEMBER,
  invite,
  memberByEmail,
  parse,
  sendJson,
  streamBulkImport,
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

let domainCounter = 0;
/** A fresh domain under the reserved .test TLD, never a provider. */
function uniqueDomain(prefix = 'partner'): string {
  domainCounter += 1;
  return `${prefix}-${domainCounter}-${Date.now().toString(36)}.test`;
}

async function allowedDomains(): Promise<string[]> {
  const response = await admin.get(routes.allowedDomains);
  expect(response.status).toBe(200);
  return parse<ListAllowedDomainsResponse>(response).domains.map((entry) => entry.domain);
}

function addDomain(domain: string, as: Browser = admin) {
  return sendJson(as, 'POST', routes.allowedDomains, { domain });
}

async function setPolicy(body: UpdateInvitationPolicyBody): Promise<InvitationPolicyResponse> {
  const response = await sendJson(admin, 'PUT', routes.invitationPolicy, body);
  expect(response.status).toBe(200);
  return parse<InvitationPolicyResponse>(response);
}

async function auditOf(kind: string): Promise<ListAuditResponse['entries']> {
  const response = await admin.get(`${routes.audit}?kind=${kind}`);
  expect(response.status).toBe(200);
  return parse<ListAuditResponse>(response).entries;
}

/** Lets any email Scalekit is sending arrive before asserting that none did. */
async function mailSettled(): Promise<void> {
  await stack.emulator.auth.idle();
  await new Promise((resolve) => setTimeout(resolve, 300));
}

describe('allowed email domains', () => {
  it('lists the seeded domain for admins and refuses members with 403', async () => {
    expect(await allowedDomains()).toContain('acme.test');
    expect((await member.get(routes.allowedDomains)).status).toBe(403);
    expect((await addDomain(uniqueDomain(), member)).status).toBe(403);
  });

  it('adds a domain (trimmed, lower-cased) at Scalekit, removes it, and records both', async () => {
    const domain = uniqueDomain();
    const added = await addDomain(`  ${domain.toUpperCase()} `);
    expect(added.status).toBe(201);
    const { domain: created } = parse<AllowedDomainResponse>(added);
    expect(created.domain).toBe(domain);
    expect(await allowedDomains()).toContain(domain);
    const atScalekit = await stack.bff.app.scalekit.domain.listDomains('org_acme');
    expect(atScalekit.domains.map((entry) => entry.domain)).toContain(domain);

    const removed = await admin.request(routes.allowedDomain(created.id), {
      method: 'DELETE',
      csrf: true,
    });
    expect(removed.status).toBe(200);
    expect(await allowedDomains()).not.toContain(domain);

    expect((await auditOf('domain.added'))[0]).toMatchObject({
      kind: 'domain.added',
      domain,
      actor: { type: 'user', email: ACME_ADMIN },
    });
    expect((await auditOf('domain.removed'))[0]).toMatchObject({ kind: 'domain.removed', domain });
  });

  it.each([
    ['gmail.com', 422, 'public_email_domain'],
    ['Outlook.com', 422, 'public_email_domain'],
    ['mailinator.com', 422, 'disposable_email_domain'],
    ['acme.test', 409, 'domain_already_allowed'],
    ['https://partner.test', 422, 'validation_failed'],
    ['ann@partner.test', 422, 'validation_failed'],
    ['*.partner.test', 422, 'validation_failed'],
    ['', 422, 'validation_failed'],
  ])('refuses %s with %i %s and changes nothing', async (domain, status, code) => {
    const before = await allowedDomains();
    const response = await addDomain(domain);
    expect(response.status).toBe(status);
    expect(parse<ErrorBody>(response)).toMatchObject({
      code,
      message: expect.any(String) as unknown,
    });
    expect(await allowedDomains()).toEqual(before);
  });

  it('answers 404 for an unknown domain and for an organization domain, which it leaves alone', async () => {
    const ssoDomain = uniqueDomain('sso');
    const created = await stack.bff.app.scalekit.domain.createDomain('org_acme', ssoDomain, {
      domainType: 'ORGANIZATION_DOMAIN',
    });
    const id = created.domain?.id ?? '';
    for (const target of [id, 'dom_does_not_exist']) {
      const response = await admin.request(routes.allowedDomain(target), {
        method: 'DELETE',
        csrf: true,
      });
      expect(response.status).toBe(404);
      expect(parse<ErrorBody>(response).code).toBe('not_found');
    }
    const atScalekit = await stack.bff.app.scalekit.domain.listDomains('org_acme');
    expect(atScalekit.domains.map((entry) => entry.domain)).toContain(ssoDomain);
  });

  it('lets a person on an allowed domain join from the sign-in picker, taking a seat', async () => {
    const domain = uniqueDomain('joiners');
    expect((await addDomain(domain)).status).toBe(201);
    const seatsBefore = parse<SeatUsage>(await admin.get(routes.seats));
    const email = `newcomer+sktest@${domain}`;

    const joined = await stack.signIn(email);

    const session = await joined.get(routes.session);
    expect(session.status).toBe(200);
    expect(await memberByEmail(admin, email)).toMatchObject({ status: 'active' });
    expect(parse<SeatUsage>(await admin.get(routes.seats)).active).toBe(seatsBefore.active + 1);
  });
});

describe('the invitation policy', () => {
  afterEach(async () => {
    await setPolicy({ mode: 'anyone', exceptions: [] });
  });

  it('is `anyone` until an admin changes it, and only admins may read or change it', async () => {
    const response = await admin.get(routes.invitationPolicy);
    expect(parse<InvitationPolicyResponse>(response).policy).toEqual({
      mode: 'anyone',
      exceptions: [],
    });
    expect((await member.get(routes.invitationPolicy)).status).toBe(403);
    const write = await sendJson(member, 'PUT', routes.invitationPolicy, { mode: 'anyone' });
    expect(write.status).toBe(403);
  });

  it.each([
    ['an unknown mode', { mode: 'everyone' }],
    ['a bad exception address', { mode: 'allowed_domains_and_exceptions', exceptions: ['nope'] }],
    ['an extra field', { mode: 'anyone', extra: 1 }],
  ])('refuses %s with 422 validation_failed and changes nothing', async (_name, body) => {
    await setPolicy({ mode: 'allowed_domains' });
    const response = await sendJson(admin, 'PUT', routes.invitationPolicy, body);
    expect(response.status).toBe(422);
    expect(parse<ErrorBody>(response).code).toBe('validation_failed');
    const after = parse<InvitationPolicyResponse>(await admin.get(routes.invitationPolicy));
    expect(after.policy.mode).toBe('allowed_domains');
  });

  it('refuses a single invite off the allowed domains with domain_not_allowed, creating and emailing nothing', async () => {
    const changed = await setPolicy({ mode: 'allowed_domains' });
    expect(changed).toMatchObject({ policy: { mode: 'allowed_domains' }, updatedBy: ACME_ADMIN });
    const outsider = uniqueEmail('outsider', 'gmail.com');

    const refused = await invite(admin, outsider);

    expect(refused.status).toBe(422);
    expect(parse<ErrorBody>(refused)).toEqual({
      code: 'domain_not_allowed',
      message:
        'gmail.com is not an allowed domain: this organization only invites addresses on its allowed domains.',
    });
    await mailSettled();
    expect(stack.mailbox.messages.filter(sentTo(outsider))).toEqual([]);
    expect(await memberByEmail(admin, outsider)).toBeUndefined();
    expect((await invite(admin, uniqueEmail('insider'))).status).toBe(201);
  });

  it('admits the named exceptions only while the policy has them', async () => {
    const guest = uniqueEmail('guest', 'gmail.com');
    await setPolicy({ mode: 'allowed_domains_and_exceptions', exceptions: [guest.toUpperCase()] });
    const other = uniqueEmail('other', 'gmail.com');
    const refused = await invite(admin, other);
    expect(parse<ErrorBody>(refused).message).toBe(
      'gmail.com is not an allowed domain: this organization only invites addresses on its allowed domains or a named exception.',
    );
    expect((await invite(admin, guest)).status).toBe(201);
  });

  it('gives each CSV row the same verdict in the preview and the import', async () => {
    const guest = uniqueEmail('guest', 'gmail.com');
    await setPolicy({ mode: 'allowed_domains_and_exceptions', exceptions: [guest] });
    const [insider, outsider] = [uniqueEmail('insider'), uniqueEmail('outsider', 'partner.test')];
    const csv = `email\n${insider}\n${outsider}\n${guest}\n`;

    const previewResponse = await admin.request(routes.bulkInvitationsPreview, {
      method: 'POST',
      csrf: true,
      headers: { 'content-type': 'text/csv' },
      body: csv,
    });
    expect(previewResponse.status).toBe(200);
    const preview = parse<BulkInvitePreviewResponse>(previewResponse);
    const refusal =
      'partner.test is not an allowed domain: this organization only invites addresses on its allowed domains or a named exception.';
    expect(preview.rows.map(({ email, outcome, reason }) => ({ email, outcome, reason }))).toEqual([
      { email: insider, outcome: 'invited', reason: undefined },
      { email: outsider, outcome: 'rejected', reason: refusal },
      { email: guest, outcome: 'invited', reason: undefined },
    ]);

    const events = await streamBulkImport(stack.bff.url, admin, csv, () => undefined);
    const rows = events.filter(
      (event): event is Extract<BulkInviteEvent, { type: 'row' }> => event.type === 'row',
    );
    for (const previewed of preview.rows) {
      expect(rows.find((row) => row.email === previewed.email)).toMatchObject({
        outcome: previewed.outcome,
        ...(previewed.reason === undefined ? {} : { reason: previewed.reason }),
      });
    }
    await mailSettled();
    expect(stack.mailbox.messages.filter(sentTo(outsider))).toEqual([]);
    expect(await memberByEmail(admin, outsider)).toBeUndefined();
  });

  it('records each change in the audit log with the policy before and after', async () => {
    await setPolicy({ mode: 'allowed_domains' });
    const [latest] = await auditOf('policy.changed');
    expect(latest).toMatchObject({
      kind: 'policy.changed',
      actor: { type: 'user', email: ACME_ADMIN },
      policy: { after: { mode: 'allowed_domains', exceptions: [] } },
    });
  });
});
