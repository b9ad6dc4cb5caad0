// Shared steps of the team tests: JSON requests through a signed-in Browser, inviting, and
// unique addresses so tests sharing one stack never collide.
import http from 'node:http';
import {
  CSRF_HEADER,
  CSRF_HEADER_VALUE,
  routes,
  type ListMembersResponse,
  type Member,
  type MemberResponse,
  type BulkInviteEvent,
} from '@app/contracts';
import type { Browser, RecordedResponse } from './support/browser.js';

export const ACME_ADMIN = 'admin+sktest@acme.test';
export const ACME_MEMBER = 'member+sktest@acme.test';
export const GLOBEX_ADMIN = 'admin+sktest@globex.test';

let counter = 0;
/** A fresh address at acme.test, e.g. `ivy-3-lq2x@acme.test`. */
export function uniqueEmail(prefix = 'person', domain = 'acme.test'): string {
  counter += 1;
  return `${prefix}-${counter}-${Date.now().toString(36)}@${domain}`;
}

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- names the shape a test expects
export function parse<T>(response: Pick<RecordedResponse, 'body'>): T {
  return JSON.parse(response.body) as T;
}

export function sendJson(
  browser: Browser,
  method: string,
  path: string,
  body: unknown,
): Promise<RecordedResponse> {
  return browser.request(path, {
    method,
    csrf: true,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export function invite(
  browser: Browser,
  email: string,
  role = 'member',
): Promise<RecordedResponse> {
  return sendJson(browser, 'POST', routes.invitations, { email, role });
}

/** Invites and returns the created member (fails the test on anything but 201). */
export async function invited(browser: Browser, email: string, role = 'member'): Promise<Member> {
  const response = await invite(browser, email, role);
  if (response.status !== 201)
    throw new Error(`invite answered ${response.status}: ${response.body}`);
  return parse<MemberResponse>(response).member;
}

export async function allMembers(browser: Browser, query = ''): Promise<Member[]> {
  const members: Member[] = [];
  let token: string | null = null;
  do {
    const params = new URLSearchParams(query);
    params.set('pageSize', '100');
    if (token !== null) params.set('pageToken', token);
    const response = await browser.get(`${routes.members}?${params.toString()}`);
    if (response.status !== 200)
      throw new Error(`list answered ${response.status}: ${response.body}`);
    const page = parse<ListMembersResponse>(response);
    members.push(...page.members);
    token = page.nextPageToken;
  } while (token !== null);
  return members;
}

export async function memberByEmail(browser: Browser, email: string): Promise<Member | undefined> {
  return (await allMembers(browser)).find((member) => member.email === email);
}

export function ndjson(body: string): BulkInviteEvent[] {
  return body
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as BulkInviteEvent);
}

/**
 * Uploads a bulk CSV to `baseUrl` and reads the NDJSON answer as it streams, calling `onEvent`
 * for each event; resolves with every event once the server ends the stream.
 */
export function streamBulkImport(
  baseUrl: string,
  browser: Browser,
  csv: string,
  onEvent: (event: BulkInviteEvent) => void,
): Promise<BulkInviteEvent[]> {
  return new Promise((resolve, reject) => {
    const events: BulkInviteEvent[] = [];
    const request = http.request(new URL(routes.bulkInvitations, baseUrl), {
      method: 'POST',
      agent: false,
      headers: {
        'content-type': 'text/csv',
        accept: 'application/json',
        cookie: browser.cookieHeader(),
        origin: browser.publicOrigin,
        [CSRF_HEADER]: CSRF_HEADER_VALUE,
      },
    });
    request.once('error', reject);
    request.once('response', (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`bulk answered ${String(response.statusCode)}`));
        return;
      }
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const event of ndjson(lines.join('\n'))) {
          events.push(event);
          onEvent(event);
        }
      });
      response.once('error', reject);
      response.once('end', () => resolve([...events, ...ndjson(buffer)]));
    });
    request.end(csv);
  });
}
