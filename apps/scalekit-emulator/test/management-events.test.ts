import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSeed, DEV_WEBHOOK_SECRET } from '../src/index.js';
import { invitationTo, startMailbox, type Mailbox } from '../src/testing/index.js';
import { startTestEmulator, type TestEmulator } from './support/emulator.js';
import {
  startWebhookReceiver,
  type ReceivedWebhook,
  type WebhookReceiver,
} from './support/webhook-receiver.js';

describe('emails and webhooks caused by management calls', () => {
  let env: TestEmulator;
  let mailbox: Mailbox;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    mailbox = await startMailbox();
    env = await startTestEmulator({
      seed: buildSeed({ appOrigin: 'http://localhost:3000', webhookUrl: receiver.url }),
      smtpUrl: mailbox.smtpUrl,
    });
  });
  afterAll(async () => {
    await env.close();
    await mailbox.close();
    await receiver.close();
  });

  function eventFor(type: string, email: string): Promise<ReceivedWebhook> {
    return receiver.waitFor(
      (d) =>
        d.event.type === type &&
        (d.event.data.user as { email?: string } | undefined)?.email === email,
    );
  }

  it('sends an invitation email and signed membership webhooks when a user is invited', async () => {
    const email = 'hooked@acme.test';
    await env.sdk.user.createUserAndMembership('org_acme', { email });
    const mail = await mailbox.waitFor(invitationTo(email));
    expect(mail.subject).toBeTruthy();

    const created = await eventFor('user.organization_membership_created', email);
    expect(created.event.organization_id).toBe('org_acme');
    expect(created.event.data.membership).toMatchObject({ membership_status: 'PENDING_INVITE' });
    expect(env.sdk.verifyWebhookPayload(DEV_WEBHOOK_SECRET, created.headers, created.body)).toBe(
      true,
    );
    await eventFor('user.organization_invitation', email);
  });

  it('emails an existing user invited to another organization with createMembership', async () => {
    mailbox.clear();
    await env.sdk.user.createMembership('org_globex', 'usr_acmemember000001', {
      roles: ['member'],
    });
    await mailbox.waitFor(invitationTo('member+sktest@acme.test'));
  });

  it('announces role changes and removals', async () => {
    const email = 'changing@acme.test';
    const { user } = await env.sdk.user.createUserAndMembership('org_acme', {
      email,
      sendInvitationEmail: false,
    });
    await env.sdk.user.updateMembership('org_acme', user?.id ?? '', { roles: ['admin'] });
    await eventFor('user.organization_membership_updated', email);
    await env.sdk.user.deleteMembership('org_acme', user?.id ?? '');
    const deleted = await eventFor('user.organization_membership_deleted', email);
    expect(env.sdk.verifyWebhookPayload(DEV_WEBHOOK_SECRET, deleted.headers, deleted.body)).toBe(
      true,
    );
  });
});
