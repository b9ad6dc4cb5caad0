// Shared steps of the webhook tests: a live SSE reader of /api/team/events, and deliveries
// signed the way a Standard Webhooks sender signs them.
import { createHmac, randomUUID } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import { routes, type TeamEvent } from '@app/contracts';
import type { Browser } from './support/browser.js';

/** A live `GET /api/team/events` stream, read as the browser's EventSource would. */
export interface EventStream {
  contentType: string | null;
  events: TeamEvent[];
  comments: string[];
  next(predicate: (event: TeamEvent) => boolean, timeoutMs?: number): Promise<TeamEvent>;
  close(): void;
}

export async function openEvents(browser: Browser): Promise<EventStream> {
  // node:http rather than fetch: a destroyed request closes its own socket, nothing is pooled.
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const request = http.get(new URL(routes.teamEvents, browser.baseUrl), {
      agent: false,
      headers: { accept: 'text/event-stream', cookie: browser.cookieHeader() },
    });
    request.once('response', resolve).once('error', reject);
  });
  if (response.statusCode !== 200) {
    response.destroy();
    throw new Error(`events answered ${String(response.statusCode)}`);
  }
  const events: TeamEvent[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  let connected: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (connected = resolve));
  let buffer = '';
  response.setEncoding('utf8');
  response.on('error', () => undefined);
  response.on('data', (chunk: string) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
      for (const line of buffer.slice(0, end).split('\n')) {
        if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)) as TeamEvent);
        if (line.startsWith(':')) comments.push(line.slice(1).trim());
      }
      buffer = buffer.slice(end + 2);
      connected();
      for (const wake of [...waiters]) wake();
    }
  });
  await ready;
  return {
    contentType: response.headers['content-type'] ?? null,
    events,
    comments,
    next(predicate, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(predicate);
          if (found === undefined) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event; got ${JSON.stringify(events)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => {
      response.destroy();
    },
  };
}

/** Signs like a Standard Webhooks sender: v1,base64(HMAC-SHA256(id.timestamp.body)). */
export function signedHeaders(
  secret: string,
  body: string,
  options: { id?: string; timestamp?: number } = {},
): Record<string, string> {
  const id = options.id ?? `evt_${randomUUID()}`;
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const key = Buffer.from(secret.split('_')[1] ?? '', 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': `v1,${signature}`,
  };
}

/** A Scalekit membership-deleted event (the receiver publishes it without asking Scalekit). */
export function removalEvent(userId: string, organizationId = 'org_acme'): string {
  return JSON.stringify({
    spec_version: '1',
    id: `evt_${randomUUID()}`,
    type: 'user.organization_membership_deleted',
    occurred_at: new Date().toISOString(),
    environment_id: 'env_local',
    organization_id: organizationId,
    object: 'OrgMembership',
    data: { user: { id: userId } },
  });
}

export function deliver(
  baseUrl: string,
  body: string,
  headers: Record<string, string>,
): Promise<Response> {
  return fetch(new URL(routes.webhooks, baseUrl), { method: 'POST', headers, body });
}
