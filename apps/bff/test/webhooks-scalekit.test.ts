// The webhook receiver and the live team events: real webhooks from the emulator reach the
// SSE subscribers of the right organization; forged, stale and replayed deliveries do not; a
// user's changed name (user.updated) reaches the member index and the open Team pages.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { extractLink, invitationTo } from '@app/scalekit-emulator/testing';
import { routes, type ErrorBody, type ListMembersResponse } from '@app/contracts';
import type { Browser } from './support/browser.js';
import { startStack, type Stack } from './support/harness.js';
import {
  ACME_ADMIN,
  ACME_MEMBER,
  GLOBEX_ADMIN,
  invited,
  parse,
  uniqueEmail,
} from './team-fixtures.js';
import {
  deliver,
  openEvents,
  removalEvent,
  signedHeaders,
  type EventStream,
} from './webhooks-fixtures.js';

let stack: Stack;
let admin: Browser;
const streams: EventStream[] = [];

beforeAll(async () => {
  stack = await startStack();
  admin = await stack.signIn(ACME_ADMIN);
});

afterEach(() => {
  for (const stream of streams.splice(0)) stream.close();
});

afterAll(async () => {
  await stack.stop();
});

async function subscribe(browser: Browser): Promise<EventStream> {
  const stream = await openEvents(browser);
  streams.push(stream);
  return stream;
}

function secret(): string {
  const value = stack.bff.config.scalekit.webhookSecret;
  if (value === undefined) throw new Error('the stack has no webhook secret');
  return value;
}

const post = (body: string, headers: Record<string, string>) =>
  deliver(stack.bff.url, body, headers);

describe('GET /api/team/events', () => {
  it('streams text/event-stream to a signed-in member and answers 401 without a session', async () => {
    const stream = await subscribe(admin);
    expect(stream.contentType).toContain('text/event-stream');
    expect(stream.comments).toContain('connected');
    expect((await fetch(new URL(routes.teamEvents, stack.bff.url))).status).toBe(401);
  });

  it('pushes the real webhooks of an invitation and its acceptance to that organization only', async () => {
    const acme = await subscribe(admin);
    const globex = await subscribe(await stack.signIn(GLOBEX_ADMIN));
    const email = uniqueEmail('live');

    const pending = await invited(admin, email);
    await acme.next(
      (event) => event.userId === pending.userId && event.member?.status === 'pending',
    );

    const mail = await stack.mailbox.waitFor(invitationTo(email), 10_000);
    const accepted = await fetch(extractLink(mail, '/invite/accept'), { redirect: 'manual' });
    expect(accepted.status).toBe(302);
    const active = await acme.next(
      (event) => event.userId === pending.userId && event.member?.status === 'active',
    );
    expect(active).toMatchObject({
      type: 'member.updated',
      member: { email, status: 'active', roles: ['member'] },
    });
    expect(globex.events).toEqual([]);
  });
});

describe('POST /api/webhooks/scalekit', () => {
  it('refuses a forged, tampered or unsigned delivery with 400 invalid_webhook and publishes nothing', async () => {
    const stream = await subscribe(admin);
    const body = removalEvent('usr_forged000000001');
    const wrongKey = `whsec_${Buffer.from('not the secret').toString('base64')}`;

    const forged = await post(body, signedHeaders(wrongKey, body));
    const tampered = await post(
      body.replace('usr_forged', 'usr_other0'),
      signedHeaders(secret(), body),
    );
    const unsigned = await post(body, { 'content-type': 'application/json' });

    expect([forged.status, tampered.status, unsigned.status]).toEqual([400, 400, 400]);
    expect(parse<ErrorBody>({ body: await forged.text() }).code).toBe('invalid_webhook');
    expect(stream.events).toEqual([]);
  });

  it('refuses a delivery signed outside the 5-minute window', async () => {
    const body = removalEvent('usr_stale0000000001');
    const stale = signedHeaders(secret(), body, {
      timestamp: Math.floor(Date.now() / 1000) - 10 * 60,
    });
    expect((await post(body, stale)).status).toBe(400);
  });

  it('acknowledges a replayed webhook-id but publishes it once', async () => {
    const stream = await subscribe(admin);
    const body = removalEvent('usr_replayed0000001');
    const headers = signedHeaders(secret(), body);

    const first = await post(body, headers);
    const replay = await post(body, headers);

    expect([first.status, replay.status]).toEqual([204, 204]);
    const marker = removalEvent('usr_marker000000001');
    await post(marker, signedHeaders(secret(), marker));
    await stream.next((event) => event.userId === 'usr_marker000000001');
    expect(stream.events.filter((event) => event.userId === 'usr_replayed0000001')).toEqual([
      { type: 'member.removed', userId: 'usr_replayed0000001' },
    ]);
  });

  it('shows a name changed at Scalekit once user.updated arrives, in the list and live', async () => {
    const index = stack.bff.app.memberIndex;
    index.startRebuild('org_acme');
    await index.running('org_acme');
    const listed = async () =>
      parse<ListMembersResponse>(await admin.get(routes.members)).members.find(
        (row) => row.email === ACME_MEMBER,
      );
    const before = await listed();
    if (before === undefined) throw new Error('the seed has no Acme member');
    // Changed at Scalekit directly (its dashboard, another app): the index does not know yet.
    await stack.bff.app.scalekit.user.updateUser(before.userId, {
      userProfile: { firstName: 'Webhook', lastName: 'Renamed' },
    });
    expect((await listed())?.name).toBe(before.name);

    const stream = await subscribe(admin);
    const body = JSON.stringify({
      spec_version: '1',
      id: `evt_${randomUUID()}`,
      type: 'user.updated',
      occurred_at: new Date().toISOString(),
      environment_id: 'env_local',
      object: 'User',
      data: { user: { id: before.userId } },
    });
    expect((await post(body, signedHeaders(secret(), body))).status).toBe(204);

    expect((await listed())?.name).toBe('Webhook Renamed');
    const live = await stream.next((event) => event.userId === before.userId);
    expect(live).toMatchObject({ type: 'member.updated', member: { name: 'Webhook Renamed' } });
  });

  it('refuses a signed body that is not a Scalekit event', async () => {
    const body = '{"hello":"world"}';
    const response = await post(body, signedHeaders(secret(), body));
    expect(response.status).toBe(400);
    expect(parse<ErrorBody>({ body: await response.text() }).code).toBe('invalid_webhook');
  });
});
