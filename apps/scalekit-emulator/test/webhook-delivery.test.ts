// Webhooks the emulator really sends: Standard Webhooks signatures the SDK verifies, the
// envelope, and retries after a failing endpoint.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_WEBHOOK_SECRET } from '../src/index.js';
import {
  ACME,
  ADMIN_EMAIL,
  ADMIN_ID,
  countRows,
  signInWithSdk,
  startAuthEmulator,
  type AuthTestEmulator,
} from './support/auth-fixtures.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let t: AuthTestEmulator;
let receiver: Server;
const received: Received[] = [];
let failuresLeft = 0;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (failuresLeft > 0) {
        failuresLeft--;
        res.writeHead(503).end();
        return;
      }
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = (receiver.address() as AddressInfo).port;
  t = await startAuthEmulator({ webhookUrl: `http://127.0.0.1:${port}/webhooks` });
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

function eventsOfType(type: string): { received: Received; event: Record<string, unknown> }[] {
  return received
    .map((entry) => ({ received: entry, event: JSON.parse(entry.body) as Record<string, unknown> }))
    .filter(({ event }) => event.type === type);
}

describe('webhooks', () => {
  it('sends a signed user.login event that the SDK verifies', async () => {
    await signInWithSdk(t, ADMIN_EMAIL);
    await expect
      .poll(() => eventsOfType('user.login').length, { timeout: 10_000 })
      .toBeGreaterThan(0);
    const [login] = eventsOfType('user.login');
    if (!login) throw new Error('no login event');
    const headers = login.received.headers as Record<string, string>;
    expect(t.sdk.verifyWebhookPayload(DEV_WEBHOOK_SECRET, headers, login.received.body)).toBe(true);
    expect(login.event).toMatchObject({
      spec_version: '1',
      type: 'user.login',
      environment_id: 'env_local',
      organization_id: ACME,
      object: 'User',
      data: { user: { id: ADMIN_ID, email: ADMIN_EMAIL } },
    });
    expect(login.event.id).toBe(headers['webhook-id']);
    expect(typeof login.event.occurred_at).toBe('string');

    // Any change to the body breaks the signature.
    expect(() =>
      t.sdk.verifyWebhookPayload(
        DEV_WEBHOOK_SECRET,
        headers,
        login.received.body.replace('user.login', 'user.logout'),
      ),
    ).toThrow();
    expect(() =>
      t.sdk.verifyWebhookPayload('whsec_b3RoZXI=', headers, login.received.body),
    ).toThrow();
  });

  it('retries with backoff until the endpoint accepts the event', async () => {
    failuresLeft = 2;
    const email = 'hooked@newcomer.test';
    await t.sdk.user.createUserAndMembership(ACME, { email, sendInvitationEmail: false });
    await signInWithSdk(t, ADMIN_EMAIL);
    await expect
      .poll(
        () =>
          failuresLeft === 0 &&
          countRows(t, 'SELECT COUNT(*) AS n FROM auth_webhooks WHERE delivered_at IS NULL') === 0,
        {
          timeout: 15_000,
        },
      )
      .toBe(true);
    const retried = countRows(t, 'SELECT COUNT(*) AS n FROM auth_webhooks WHERE attempts > 1');
    expect(retried).toBeGreaterThan(0);
    for (const entry of received) {
      expect(
        t.sdk.verifyWebhookPayload(
          DEV_WEBHOOK_SECRET,
          entry.headers as Record<string, string>,
          entry.body,
        ),
      ).toBe(true);
    }
  });
});
