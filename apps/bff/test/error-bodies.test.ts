// bff-security.md line 17 under fire: malformed paths, headers and bodies, fuzzed. Whatever
// arrives, every 4xx/5xx answer is `{code, message}` with a code from the contracts, and no
// answer echoes what was sent (each input carries a marker the body must not contain).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, ErrorBodySchema, routes } from '@app/contracts';
import { hostilePath, hostileText, PROPERTY_SETTINGS } from '@app/contracts/testing';
import type { Browser } from './support/browser.js';
import { startStack, type Stack } from './support/harness.js';
import { rawRequest, type RawAnswer } from './support/raw-http.js';
import { ACME_ADMIN } from './team-fixtures.js';

const MARKER = 'qx7echo';
const RUNS = { ...PROPERTY_SETTINGS, numRuns: 150, interruptAfterTimeLimit: 20_000 };

let stack: Stack;
let admin: Browser;
let port: number;

beforeAll(async () => {
  stack = await startStack({
    env: { RATE_LIMIT_INVITE_PER_MINUTE: '100000', RATE_LIMIT_INVITE_PER_IP_PER_MINUTE: '100000' },
  });
  admin = await stack.signIn(ACME_ADMIN);
  port = Number(new URL(stack.bff.url).port);
});
afterAll(async () => {
  await stack?.stop();
});

function headersOf(extra: Record<string, string> = {}): string {
  const headers: Record<string, string> = {
    host: `127.0.0.1:${port}`,
    connection: 'close',
    cookie: admin.cookieHeader(),
    [CSRF_HEADER]: '1',
    origin: stack.publicUrl,
    accept: 'application/json',
    ...extra,
  };
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\r\n');
}

/** The answer honours the contract: a known code, the right shape, no echo of the marker. */
function expectContractError(answer: RawAnswer | undefined, method: string): void {
  expect(answer, 'the server answered nothing').toBeDefined();
  if (answer === undefined || answer.status < 400) return;
  expect(answer.body.toLowerCase()).not.toContain(MARKER);
  if (method === 'HEAD') return;
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    throw new Error(`${answer.status} answer is not JSON: ${JSON.stringify(answer.body)}`);
  }
  const parsed = ErrorBodySchema.strict().safeParse(json);
  expect(parsed.success, `${answer.status} ${answer.body}`).toBe(true);
}

const method = fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT', 'HEAD', 'OPTIONS');
const prefix = fc.constantFrom(
  '/api/team/members/',
  '/api/team/members/usr_1/',
  '/api/team/invitations/',
  '/api/',
  '/auth/',
  '/auth/login?returnTo=',
  '/api/callback?state=',
  '/',
);
const markedPath = fc
  .tuple(prefix, hostilePath(), hostilePath())
  .map(([start, left, right]) => `${start}${left.replace(/^\//, '')}${MARKER}${right}`);

describe('error bodies under malformed input', () => {
  it.each([
    ['a path with broken percent-encoding', `/api/team/members/%FF${MARKER}`, 400],
    ['a truncated multi-byte escape', `/auth/%E0%A4%A${MARKER}`, 400],
    ['a 5,000-character member id', `/api/team/members/${MARKER}${'a'.repeat(5000)}`, 414],
  ])('answers %s with {code, message}', async (_name, path, status) => {
    const answer = await rawRequest(port, `DELETE ${path} HTTP/1.1\r\n${headersOf()}`);
    expect(answer?.status).toBe(status);
    expectContractError(answer, 'DELETE');
  });

  it('answers a 17 KB Cookie header with 431 {code, message}', async () => {
    const cookie = `${MARKER}=${'c'.repeat(17 * 1024)}`;
    const answer = await rawRequest(
      port,
      `GET ${routes.session} HTTP/1.1\r\n${headersOf({ cookie })}`,
    );
    expect(answer?.status).toBe(431);
    expectContractError(answer, 'GET');
  });

  it('answers a request line the HTTP parser refuses with 400 {code, message}', async () => {
    const answer = await rawRequest(
      port,
      `GET /api/ses sion\u0001${MARKER} HTTP/1.1\r\n${headersOf()}`,
    );
    expect(answer?.status).toBe(400);
    expectContractError(answer, 'GET');
  });

  it('keeps to the contract for fuzzed methods and paths', async () => {
    await fc.assert(
      fc.asyncProperty(method, markedPath, async (verb, path) => {
        const body = verb === 'GET' || verb === 'HEAD' ? '' : '{}';
        const head = `${verb} ${path} HTTP/1.1\r\n${headersOf({
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
        })}`;
        expectContractError(await rawRequest(port, head, body), verb);
      }),
      RUNS,
    );
  });

  it('keeps to the contract for fuzzed headers', async () => {
    const headerName = fc.constantFrom(
      'content-type',
      'accept',
      'origin',
      CSRF_HEADER,
      'cookie',
      'content-length',
      'transfer-encoding',
      'x-forwarded-for',
      'if-none-match',
      'range',
    );
    const target = fc.constantFrom(
      `POST ${routes.invitations}`,
      `POST ${routes.bulkInvitations}`,
      `GET ${routes.session}`,
      `GET ${routes.members}`,
      `POST ${routes.logout}`,
      `GET ${routes.teamEvents}`,
    );
    await fc.assert(
      fc.asyncProperty(target, headerName, hostileText(), async (line, name, value) => {
        const body = `{"email":"${MARKER}@x"}`;
        const headers = headersOf({
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          [name]: `${value}${MARKER}`.replace(/[\r\n]/g, ' '),
        });
        const verb = line.split(' ')[0] ?? 'GET';
        const stream = line.endsWith(routes.teamEvents);
        const answer = await rawRequest(
          port,
          `${line} HTTP/1.1\r\n${headers}`,
          body,
          stream ? 500 : 5000,
        ).catch(() => undefined);
        // An event stream that was accepted never ends by itself; anything else must answer.
        if (stream && answer === undefined) return;
        expectContractError(answer, verb);
      }),
      { ...RUNS, numRuns: 100 },
    );
  });

  it('keeps to the contract for fuzzed bodies and content types', async () => {
    const contentType = fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'text/csv',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      '',
    );
    const body = fc.oneof(
      hostileText().map((text) => `${text}${MARKER}`),
      hostileText().map((text) => JSON.stringify({ email: `${text}${MARKER}`, role: MARKER })),
      hostileText().map((text) =>
        JSON.stringify({
          email: 'a@b.co',
          role: 'member',
          metadata: { [`${MARKER}${text}`]: text },
        }),
      ),
      fc.constant(`{"email": "${MARKER}`),
      fc.constant(`email\n${MARKER}@@\n=cmd|' /C calc'!A0,${MARKER}`),
      fc.constant(`{"${MARKER}": ${'['.repeat(5000)}`),
    );
    const target = fc.constantFrom(
      `POST ${routes.invitations}`,
      `POST ${routes.bulkInvitations}`,
      `PATCH ${routes.member('usr_unknown')}`,
      `POST ${routes.webhooks}`,
      `POST ${routes.logout}`,
    );
    await fc.assert(
      fc.asyncProperty(target, contentType, body, async (line, type, content) => {
        const headers = headersOf({
          ...(type === '' ? {} : { 'content-type': type }),
          'content-length': String(Buffer.byteLength(content)),
        });
        const answer = await rawRequest(port, `${line} HTTP/1.1\r\n${headers}`, content);
        expectContractError(answer, line.split(' ')[0] ?? 'POST');
      }),
      RUNS,
    );
  });

  it.each([
    ['an unknown metadata key', { email: 'a@b.co', role: 'member', metadata: { [MARKER]: 'x' } }],
    [
      'an over-long metadata key',
      { email: 'a@b.co', role: 'member', metadata: { [`${MARKER}${'k'.repeat(30)}`]: 'x' } },
    ],
    ['an unknown field', { email: 'a@b.co', role: 'member', [MARKER]: 1 }],
    ['a bad email', { email: `${MARKER}@`, role: 'member' }],
    ['a bad role', { email: 'a@b.co', role: `${MARKER}!` }],
  ])('refuses an invitation with %s without quoting it', async (_name, json) => {
    const content = JSON.stringify(json);
    const headers = headersOf({
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(content)),
    });
    const answer = await rawRequest(
      port,
      `POST ${routes.invitations} HTTP/1.1\r\n${headers}`,
      content,
    );
    expectContractError(answer, 'POST');
  });

  it('answers a body over the limit with 413 {code, message}', async () => {
    const content = `{"email":"${MARKER}${'a'.repeat(1024 * 1024 + 10)}"}`;
    const headers = headersOf({
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(content)),
    });
    const answer = await rawRequest(
      port,
      `POST ${routes.invitations} HTTP/1.1\r\n${headers}`,
      content,
    );
    expect(answer?.status).toBe(413);
    expectContractError(answer, 'POST');
  });
});
