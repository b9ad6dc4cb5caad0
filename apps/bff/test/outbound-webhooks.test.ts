// Outbound webhooks end to end, on both databases: an admin registers an endpoint, team changes
// reach a real receiver that verifies them with the Scalekit SDK's `verifyWebhookPayload`, a
// receiver that was down gets every event once it is back, and with two BFF instances sharing
// the database each event arrives exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  routes,
  type ErrorBody,
  type GetWebhookEndpointResponse,
  type ListWebhookDeliveriesResponse,
  type WebhookDelivery,
  type WebhookEndpoint,
} from '@app/contracts';
import type { Browser } from './support/browser.js';
import { freePort } from './support/free-port.js';
import { startStack, type Stack } from './support/harness.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';
import { ACME_ADMIN, ACME_MEMBER, invited, parse, sendJson, uniqueEmail } from './team-fixtures.js';

const FAST_DELIVERY = {
  OUTBOUND_WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true',
  OUTBOUND_WEBHOOKS_POLL_MS: '50',
  OUTBOUND_WEBHOOKS_RETRY_BASE_MS: '200',
};

async function eventually<T>(check: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met within 15 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function register(admin: Browser, url: string): Promise<WebhookEndpoint> {
  const response = await sendJson(admin, 'PUT', routes.webhookEndpoint, { url });
  expect(response.status).toBe(200);
  return parse<WebhookEndpoint>(response);
}

async function deliveries(admin: Browser): Promise<WebhookDelivery[]> {
  return parse<ListWebhookDeliveriesResponse>(await admin.get(routes.webhookDeliveries)).deliveries;
}

describe.each(['sqlite', 'postgres'] as const)('outbound webhooks on %s', (database) => {
  let stack: Stack;
  let admin: Browser;
  let secret = '';
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    stack = await startStack({ database, env: FAST_DELIVERY });
    admin = await stack.signIn(ACME_ADMIN);
    receiver = await startWebhookReceiver(() => secret);
  });
  afterAll(async () => {
    await receiver?.close();
    await stack?.stop();
  });

  it('refuses a URL that is not https, and leaves the organization without an endpoint', async () => {
    for (const url of [
      'http://example.com/hooks',
      'ftp://example.com/',
      'not a url',
      'https://user:pw@example.com/',
    ]) {
      const response = await sendJson(admin, 'PUT', routes.webhookEndpoint, { url });
      expect(response.status).toBe(422);
      expect(parse<ErrorBody>(response)).toMatchObject({ code: 'validation_failed' });
    }
    expect(parse<GetWebhookEndpointResponse>(await admin.get(routes.webhookEndpoint))).toEqual({
      endpoint: null,
    });
  });

  it('lets only admins see or change the endpoint', async () => {
    const member = await stack.signIn(ACME_MEMBER);
    expect((await member.get(routes.webhookEndpoint)).status).toBe(403);
    expect(
      (await sendJson(member, 'PUT', routes.webhookEndpoint, { url: receiver.url })).status,
    ).toBe(403);
    expect((await member.post(routes.webhookTestEvent, { csrf: true })).status).toBe(403);
    expect((await member.get(routes.webhookDeliveries)).status).toBe(403);
  });

  it('announces an invite, a role change and a removal, signed so the SDK verifies them', async () => {
    const endpoint = await register(admin, receiver.url);
    secret = endpoint.secret;
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);

    const email = uniqueEmail('announced');
    const member = await invited(admin, email);
    const changes = [
      () => sendJson(admin, 'PATCH', routes.member(member.userId), { role: 'admin' }),
      () => admin.request(routes.member(member.userId), { method: 'DELETE', csrf: true }),
    ];
    for (const change of changes) expect((await change()).status).toBe(200);

    const about = await eventually(() => {
      const events = receiver.received.filter((item) => item.event.data.member?.email === email);
      return events.length >= 3 ? events : undefined;
    });
    expect(about.map((item) => item.event.type)).toEqual([
      'member.invited',
      'member.role_changed',
      'member.removed',
    ]);
    expect(about[1]?.event.data).toMatchObject({
      source: 'ui',
      member: { userId: member.userId, email },
      before: { roles: ['member'] },
      after: { roles: ['admin'] },
    });
    for (const item of about) expect(item.webhookId).toBe(item.event.id);
    expect(receiver.refused).toBe(0);

    const log = await deliveries(admin);
    const invitedDelivery = log.find((delivery) => delivery.eventId === about[0]?.event.id);
    expect(invitedDelivery).toMatchObject({
      eventType: 'member.invited',
      status: 'delivered',
      attempts: 1,
      responseStatus: 204,
      nextAttemptAt: null,
    });
  });

  it('sends a test event when asked and shows it in the delivery log', async () => {
    const queued = await admin.post(routes.webhookTestEvent, { csrf: true });
    expect(queued.status).toBe(202);
    const delivery = parse<WebhookDelivery>(queued);
    expect(delivery).toMatchObject({ eventType: 'webhook.test', status: 'pending', attempts: 0 });
    await eventually(() => receiver.received.find((item) => item.webhookId === delivery.eventId));
    const logged = await eventually(async () =>
      (await deliveries(admin)).find(
        (item) => item.id === delivery.id && item.status === 'delivered',
      ),
    );
    expect(logged.responseStatus).toBe(204);
  });

  it('keeps retrying while the receiver is down and delivers once it is back', async () => {
    const port = await freePort();
    let downSecret = '';
    const endpoint = await register(admin, `http://localhost:${port}/down`);
    downSecret = endpoint.secret;
    const email = uniqueEmail('redelivered');
    await invited(admin, email);

    const failed = await eventually(async () =>
      (await deliveries(admin)).find(
        (item) => item.eventType === 'member.invited' && item.attempts >= 2,
      ),
    );
    expect(failed).toMatchObject({ status: 'pending', responseStatus: null });
    expect(failed.lastError).toMatch(/Could not reach the endpoint/);
    expect(failed.nextAttemptAt).not.toBeNull();

    const back = await startWebhookReceiver(() => downSecret, port);
    try {
      const arrived = await eventually(() =>
        back.received.find((item) => item.event.data.member?.email === email),
      );
      expect(arrived.event.type).toBe('member.invited');
      const delivered = await eventually(async () =>
        (await deliveries(admin)).find(
          (item) => item.id === failed.id && item.status === 'delivered',
        ),
      );
      expect(delivered.attempts).toBeGreaterThan(failed.attempts);
      expect(back.refused).toBe(0);
    } finally {
      await back.close();
      await register(admin, receiver.url);
    }
  });

  it('stops announcing once the endpoint is removed', async () => {
    expect(
      (await admin.request(routes.webhookEndpoint, { method: 'DELETE', csrf: true })).status,
    ).toBe(204);
    expect(
      parse<GetWebhookEndpointResponse>(await admin.get(routes.webhookEndpoint)).endpoint,
    ).toBeNull();
    expect((await admin.post(routes.webhookTestEvent, { csrf: true })).status).toBe(404);
  });
});

describe('outbound webhooks with two instances on one PostgreSQL database', () => {
  let stack: Stack;
  let receiver: WebhookReceiver;
  let secret = '';

  beforeAll(async () => {
    stack = await startStack({ database: 'postgres', instances: 2, env: FAST_DELIVERY });
    receiver = await startWebhookReceiver(() => secret);
  });
  afterAll(async () => {
    await receiver?.close();
    await stack?.stop();
  });

  it('delivers each event exactly once, whichever instance claims it', async () => {
    const admin = await stack.signIn(ACME_ADMIN);
    secret = (await register(admin, receiver.url)).secret;
    const emails = Array.from({ length: 6 }, () => uniqueEmail('once'));
    for (const email of emails) await invited(admin, email);
    await eventually(() => {
      const seen = new Set(receiver.received.map((item) => item.event.data.member?.email));
      return emails.every((email) => seen.has(email)) ? true : undefined;
    });
    // Give a duplicate, if there were one, time to arrive before counting.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const ids = receiver.received.map((item) => item.webhookId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
