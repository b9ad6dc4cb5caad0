import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSeed, DEV_WEBHOOK_SECRET } from '../src/index.js';
import { invitationTo, startMailbox, type Mailbox } from '../src/testing/index.js';
import { startTestEmulator, type TestEmulator } from './support/emulator.js';

interface Delivery {
  headers: Record<string, string>;
  body: string;
  event: {
    type: string;
    organization_id: string;
    data: { user: { email: string }; membership: { membership_status: string } };
  };
}

describe('emails and webhooks caused by management calls', () => {
  let env: TestEmulator;
  let mailbox: Mailbox;
  let receiver: http.Server;
  const deliveries: Delivery[] = [];

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const headers = Object.fromEntries(
          Object.entries(req.headers).map(([name, value]) => [name, String(value)]),
        );
        deliveries.push({ headers, body, event: JSON.parse(body) as Delivery['event'] });
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    mailbox = await startMailbox();
    env = await startTestEmulator({
      seed: buildSeed({
        appOrigin: 'http://localhost:3000',
        webhookUrl: `http://127.0.0.1:${port}/hooks`,
      }),
      smtpUrl: mailbox.smtpUrl,
    });
  });
  afterAll(async () => {
    await env.close();
    await mailbox.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  async function eventFor(type: string, email: string): Promise<Delivery> {
    for (let waited = 0; waited < 10_000; waited += 50) {
      const found = deliveries.find(
        (d) => d.event.type === type && d.event.data.user.email === email,
      );
      if (found !== undefined) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no ${type} webhook for ${email}`);
  }

  it('sends an invitation email and signed membership webhooks when a user is invited', async () => {
    const email = 'hooked@acme.test';
    await env.sdk.user.createUserAndMembership('org_acme', { email });
    const mail = await mailbox.waitFor(invitationTo(email));
    expect(mail.subject).toBeTruthy();

    const created = await eventFor('user.organization_membership_created', email);
    expect(created.event.organization_id).toBe('org_acme');
    expect(created.event.data.membership.membership_status).toBe('PENDING_INVITE');
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
