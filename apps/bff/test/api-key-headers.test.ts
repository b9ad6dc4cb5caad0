// Generated Authorization and Idempotency-Key headers on the invite route: whatever arrives, a
// request that is not a valid key with a well-formed Idempotency-Key answers 4xx {code, message}
// and invites nobody.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentTo } from '@app/scalekit-emulator/testing';
import { hostileText, PROPERTY_SETTINGS } from '@app/contracts/testing';
import { ErrorBodySchema, routes } from '@app/contracts';
import { createKey } from './api-key-fixtures.js';
import type { Browser } from './support/browser.js';
import { startStack, type Stack } from './support/harness.js';
import { rawRequest, type RawAnswer } from './support/raw-http.js';
import { ACME_ADMIN, memberByEmail } from './team-fixtures.js';

const RUNS = { ...PROPERTY_SETTINGS, numRuns: 120, interruptAfterTimeLimit: 20_000 };
const TARGET = 'never-invited@acme.test';
const BODY = JSON.stringify({ email: TARGET, role: 'member' });

let stack: Stack;
let admin: Browser;
let port: number;
let secret: string;

beforeAll(async () => {
  stack = await startStack({
    env: {
      RATE_LIMIT_API_KEY_PER_MINUTE: '100000',
      RATE_LIMIT_INVITE_PER_MINUTE: '100000',
      RATE_LIMIT_INVITE_PER_IP_PER_MINUTE: '100000',
    },
  });
  admin = await stack.signIn(ACME_ADMIN);
  port = Number(new URL(stack.bff.url).port);
  ({ secret } = await createKey(admin, ['members:invite', 'members:read']));
});

afterAll(async () => {
  await stack?.stop();
});

function invite(headers: Record<string, string>): Promise<RawAnswer | undefined> {
  const lines = Object.entries({
    host: `127.0.0.1:${String(port)}`,
    connection: 'close',
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(BODY)),
    ...headers,
  }).map(([name, value]) => `${name}: ${value.replace(/[\r\n]/g, ' ')}`);
  return rawRequest(port, `POST ${routes.invitations} HTTP/1.1\r\n${lines.join('\r\n')}`, BODY);
}

function expectRefusal(answer: RawAnswer | undefined, statuses: number[]): void {
  expect(answer).toBeDefined();
  if (answer === undefined) return;
  expect(statuses, `${String(answer.status)} ${answer.body}`).toContain(answer.status);
  expect(ErrorBodySchema.strict().safeParse(JSON.parse(answer.body)).success).toBe(true);
}

async function expectNobodyInvited(): Promise<void> {
  expect(stack.mailbox.messages.filter(sentTo(TARGET))).toHaveLength(0);
  expect(await memberByEmail(admin, TARGET)).toBeUndefined();
}

describe('generated headers on POST /api/team/invitations', () => {
  it('refuses every Authorization that is not a valid key with 4xx {code, message}', async () => {
    // 256 random bits in base64url: shaped like a key, but never one that was made.
    const base64url = fc
      .uint8Array({ minLength: 32, maxLength: 32 })
      .map((bytes) => Buffer.from(bytes).toString('base64url'));
    const authorization = fc.oneof(
      hostileText(),
      fc.string({ maxLength: 80 }).map((text) => `Bearer ${text}`),
      base64url.map((text) => `Bearer tsk_live_${text}`),
      fc.constantFrom(
        `Bearer  ${secret}`,
        `Bearer ${secret}x`,
        `Bearer ${secret.slice(0, -1)}`,
        `Basic ${secret}`,
        `Token ${secret}`,
        secret,
        `Bearer ${secret.replace('tsk_live_', 'tsk_test_')}`,
        'Bearer',
        '',
      ),
    );
    await fc.assert(
      fc.asyncProperty(authorization, async (value) => {
        expectRefusal(await invite({ authorization: value }), [400, 401]);
      }),
      RUNS,
    );
    await expectNobodyInvited();
  });

  it('refuses every malformed Idempotency-Key with 400 bad_request', async () => {
    const malformed = fc.oneof(
      // Servers trim spaces around a header value, so the flaw must be inside it.
      fc.string({ maxLength: 40 }).filter((text) => /[^\x21-\x7e]/.test(text.trim())),
      fc
        .string({ minLength: 256, maxLength: 300, unit: 'grapheme-ascii' })
        .map((t) => t.replace(/\s/g, 'x')),
      fc.constantFrom('two words', 'tab\there', 'é-key', 'key\u0000'),
    );
    await fc.assert(
      fc.asyncProperty(malformed, async (value) => {
        const answer = await invite({
          authorization: `Bearer ${secret}`,
          'idempotency-key': value,
        });
        expectRefusal(answer, [400]);
      }),
      RUNS,
    );
    await expectNobodyInvited();
  });
});
