// The audit log end to end, on both databases: every team change the BFF makes leaves exactly
// one entry with the right actor, source and IP (Scalekit's webhooks about those changes add
// nothing), while changes that reach us only by webhook (an invitee joining, a change made at
// Scalekit directly) are recorded from the webhook.
import { ScalekitClient } from '@scalekit-sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractLink, invitationTo } from '@app/scalekit-emulator/testing';
import {
  routes,
  type AuditEntry,
  type BulkInviteEvent,
  type ListAuditResponse,
  type SessionResponse,
} from '@app/contracts';
import type { Browser } from './support/browser.js';
import { startStack, type Stack } from './support/harness.js';
import {
  ACME_ADMIN,
  ACME_MEMBER,
  invited,
  ndjson,
  parse,
  sendJson,
  uniqueEmail,
} from './team-fixtures.js';

describe.each(['sqlite', 'postgres'] as const)('the audit log on %s', (database) => {
  let stack: Stack;
  let admin: Browser;
  let adminId: string;
  let organizationId: string;

  beforeAll(async () => {
    stack = await startStack({ database });
    admin = await stack.signIn(ACME_ADMIN);
    const session = parse<SessionResponse>(await admin.get(routes.session));
    adminId = session.user.id;
    organizationId = session.organization.id;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** Waits until Scalekit's webhooks about what just happened have been delivered and handled. */
  const settled = () => stack.emulator.auth.idle();

  async function entriesAbout(email: string): Promise<AuditEntry[]> {
    await settled();
    const response = await admin.get(`${routes.audit}?member=${encodeURIComponent(email)}`);
    expect(response.status).toBe(200);
    return parse<ListAuditResponse>(response).entries;
  }

  const byAdmin = () => ({ type: 'user', userId: adminId, email: ACME_ADMIN });

  it('records an invite, a resend, a role change and a revocation once each, by the admin from the UI', async () => {
    const email = uniqueEmail('audited');
    const member = await invited(admin, email);
    expect(await entriesAbout(email)).toEqual([
      expect.objectContaining({
        kind: 'member.invited',
        source: 'ui',
        actor: byAdmin(),
        ip: '127.0.0.1',
        member: { userId: member.userId, email },
        before: null,
        after: { status: 'pending', roles: ['member'] },
      }),
    ]);

    expect((await admin.post(routes.resendInvite(member.userId))).status).toBe(200);
    expect(
      (await sendJson(admin, 'PATCH', routes.member(member.userId), { role: 'admin' })).status,
    ).toBe(200);
    expect(
      (await admin.request(routes.member(member.userId), { method: 'DELETE', csrf: true })).status,
    ).toBe(200);

    const entries = await entriesAbout(email);
    expect(entries.map((entry) => entry.kind)).toEqual([
      'invitation.revoked',
      'member.role_changed',
      'invitation.resent',
      'member.invited',
    ]);
    expect(entries.every((entry) => entry.source === 'ui')).toBe(true);
    expect(entries[1]).toMatchObject({
      before: { status: 'pending', roles: ['member'] },
      after: { status: 'pending', roles: ['admin'] },
    });
    expect(entries[0]).toMatchObject({
      before: { status: 'pending', roles: ['admin'] },
      after: null,
    });
  });

  it('records an accepted invitation as the invitee joining, from the webhook, then the removal', async () => {
    const email = uniqueEmail('joiner');
    const member = await invited(admin, email);
    const mail = await stack.mailbox.waitFor(invitationTo(email), 10_000);
    const accepted = await fetch(extractLink(mail, '/invite/accept'), { redirect: 'manual' });
    expect(accepted.status).toBe(302);

    const joined = (await entriesAbout(email))[0];
    expect(joined).toMatchObject({
      kind: 'member.joined',
      source: 'scalekit_webhook',
      actor: { type: 'user', userId: member.userId, email },
      ip: null,
      before: { status: 'pending', roles: ['member'] },
      after: { status: 'active', roles: ['member'] },
    });

    await admin.request(routes.member(member.userId), { method: 'DELETE', csrf: true });
    expect((await entriesAbout(email)).map((entry) => [entry.kind, entry.source])).toEqual([
      ['member.removed', 'ui'],
      ['member.joined', 'scalekit_webhook'],
      ['member.invited', 'ui'],
    ]);
  });

  it('records each CSV row it invited with the CSV as source, and nothing for existing members', async () => {
    const [first, second] = [uniqueEmail('csv'), uniqueEmail('csv')];
    const response = await admin.post(`${routes.bulkInvitations}?defaultRole=member`, {
      headers: { 'content-type': 'text/csv' },
      body: `email\n${first}\n${second}\n${ACME_MEMBER}\n`,
    });
    const events: BulkInviteEvent[] = ndjson(response.body);
    expect(events.at(-1)).toMatchObject({ type: 'finished', invited: 2, alreadyMember: 1 });
    for (const email of [first, second]) {
      expect(await entriesAbout(email)).toEqual([
        expect.objectContaining({ kind: 'member.invited', source: 'csv', actor: byAdmin() }),
      ]);
    }
    expect(
      (await entriesAbout(ACME_MEMBER)).filter((entry) => entry.kind === 'member.invited'),
    ).toEqual([]);
  });

  it('records changes made at Scalekit directly, from its webhooks, once each', async () => {
    const outside = new ScalekitClient(
      stack.emulator.url,
      stack.emulator.clientId,
      stack.emulator.clientSecret,
    );
    const email = uniqueEmail('outside');
    const created = await outside.user.createUserAndMembership(organizationId, {
      email,
      sendInvitationEmail: true,
    });
    const userId = created.user?.id ?? '';
    await outside.user.deleteMembership(organizationId, userId);

    const entries = await entriesAbout(email);
    expect(entries).toEqual([
      expect.objectContaining({
        kind: 'invitation.revoked',
        source: 'scalekit_webhook',
        actor: { type: 'scalekit' },
        member: { userId, email },
        after: null,
      }),
      expect.objectContaining({
        kind: 'member.invited',
        source: 'scalekit_webhook',
        actor: { type: 'scalekit' },
        before: null,
      }),
    ]);
  });

  it('answers a member who is not an admin with 403', async () => {
    const member = await stack.signIn(ACME_MEMBER);
    for (const path of [routes.audit, routes.auditExport, routes.accessReview]) {
      const response = await member.get(path);
      expect(response.status).toBe(403);
      expect(parse<{ code: string }>(response).code).toBe('forbidden');
    }
  });
});
