// The life of one live Team stream, on an instance with short SSE timings: heartbeats keep it
// open through proxies, a maximum age ends it so the browser reconnects (and re-checks the
// session), a signed-out request gets JSON, and each organization hears only its own events.
import http, { type IncomingMessage } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { routes, type ErrorBody } from '@app/contracts';
import type { Browser } from './support/browser.js';
import { startStack, type BffInstance, type Stack } from './support/harness.js';
import { ACME_ADMIN, GLOBEX_ADMIN } from './team-fixtures.js';
import { startTunedInstance, stopTunedInstance } from './tuned-instance.js';
import {
  deliver,
  openEvents,
  removalEvent,
  signedHeaders,
  type EventStream,
} from './webhooks-fixtures.js';

const HEARTBEAT_MS = 250;
const MAX_STREAM_MS = 1500;

let stack: Stack;
let tuned: BffInstance;
const streams: EventStream[] = [];

beforeAll(async () => {
  stack = await startStack();
  tuned = await startTunedInstance(stack, {
    sseHeartbeatMs: HEARTBEAT_MS,
    sseMaxStreamMs: MAX_STREAM_MS,
  });
});

afterEach(() => {
  for (const stream of streams.splice(0)) stream.close();
});

afterAll(async () => {
  await stopTunedInstance(tuned);
  await stack?.stop();
});

interface Frame {
  at: number;
  text: string;
}

/** Reads a whole stream as it arrives: every frame with its arrival time, and when it ended. */
async function readUntilEnd(
  browser: Browser,
  giveUpMs: number,
): Promise<{ opened: number; frames: Frame[]; endedAt: number | undefined }> {
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const request = http.get(new URL(routes.teamEvents, browser.baseUrl), {
      agent: false,
      headers: { accept: 'text/event-stream', cookie: browser.cookieHeader() },
    });
    request.once('response', resolve).once('error', reject);
  });
  const opened = Date.now();
  expect(response.statusCode).toBe(200);
  const frames: Frame[] = [];
  let buffer = '';
  response.setEncoding('utf8');
  const endedAt = await new Promise<number | undefined>((resolve) => {
    const giveUp = setTimeout(() => {
      response.destroy();
      resolve(undefined);
    }, giveUpMs);
    response.on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
        frames.push({ at: Date.now(), text: buffer.slice(0, end) });
        buffer = buffer.slice(end + 2);
      }
    });
    response.once('end', () => {
      clearTimeout(giveUp);
      resolve(Date.now());
    });
    response.once('error', () => undefined);
  });
  return { opened, frames, endedAt };
}

const secret = (): string => stack.bff.config.scalekit.webhookSecret ?? '';

async function subscribe(browser: Browser): Promise<EventStream> {
  const stream = await openEvents(browser);
  streams.push(stream);
  return stream;
}

describe('GET /api/team/events over time', () => {
  it('sends a heartbeat comment within the configured interval and ends the stream at its maximum age', async () => {
    const admin = await stack.signIn(ACME_ADMIN, { instance: tuned });

    const { opened, frames, endedAt } = await readUntilEnd(admin, MAX_STREAM_MS + 4000);

    const heartbeats = frames.filter((frame) => frame.text === ': heartbeat');
    expect(heartbeats.length).toBeGreaterThanOrEqual(3);
    expect((heartbeats[0]?.at ?? Infinity) - opened).toBeLessThan(2 * HEARTBEAT_MS + 300);
    // The browser reconnects after the server ends the stream, after the advertised delay.
    expect(frames.some((frame) => frame.text.startsWith('retry: '))).toBe(true);
    expect(endedAt).toBeDefined();
    const age = (endedAt ?? 0) - opened;
    expect(age).toBeGreaterThanOrEqual(MAX_STREAM_MS - 100);
    expect(age).toBeLessThan(MAX_STREAM_MS + 1500);
  });

  it('lets the browser reconnect after the stream ended while the session is good', async () => {
    const admin = await stack.signIn(ACME_ADMIN, { instance: tuned });
    const first = await readUntilEnd(admin, MAX_STREAM_MS + 4000);
    expect(first.endedAt).toBeDefined();
    const again = await subscribe(admin);
    expect(again.comments).toContain('connected');
  });

  it('answers a signed-out request with 401 JSON, not a stream', async () => {
    const response = await fetch(new URL(routes.teamEvents, tuned.url), {
      headers: { accept: 'text/event-stream' },
    });

    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(((await response.json()) as ErrorBody).code).toBe('unauthenticated');
  });

  it('never sends Acme events to a member of another organization', async () => {
    const acme = await subscribe(await stack.signIn(ACME_ADMIN, { instance: tuned }));
    const globex = await subscribe(await stack.signIn(GLOBEX_ADMIN, { instance: tuned }));
    const send = (body: string) => deliver(tuned.url, body, signedHeaders(secret(), body));

    await send(removalEvent('usr_acmeleaver000001', 'org_acme'));
    await acme.next((event) => event.userId === 'usr_acmeleaver000001');
    // Delivered after Acme's event, so once Globex sees it, Acme's would have arrived too.
    await send(removalEvent('usr_globexmarker0001', 'org_globex'));
    await globex.next((event) => event.userId === 'usr_globexmarker0001');

    expect(globex.events).toEqual([{ type: 'member.removed', userId: 'usr_globexmarker0001' }]);
    expect(acme.events).toEqual([{ type: 'member.removed', userId: 'usr_acmeleaver000001' }]);
  });
});
