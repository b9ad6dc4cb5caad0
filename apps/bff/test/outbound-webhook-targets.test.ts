// Where outbound webhooks may go: the rules on a registered URL (https, public host, no
// credentials) checked with generated URLs as well as examples, the connect-time check that a
// public-looking name does not resolve to a private address, and the retry schedule.
import http from 'node:http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEndpointUrl } from '../src/outbound-webhooks/endpoint-url.js';
import { isNonPublicAddress } from '../src/outbound-webhooks/target-address.js';
import { nextRetryAt } from '../src/outbound-webhooks/webhook-dispatcher.js';
import { sendEvent } from '../src/outbound-webhooks/webhook-sender.js';

const strict = { allowPrivateTargets: false };
const local = { allowPrivateTargets: true };
const RUNS = { seed: 20261130, numRuns: 300, interruptAfterTimeLimit: 5_000 };

const byte = fc.integer({ min: 0, max: 255 });
const ipv4In = (first: number, secondMin = 0, secondMax = 255) =>
  fc
    .tuple(fc.integer({ min: secondMin, max: secondMax }), byte, byte)
    .map(([b, c, d]) => `${first}.${b}.${c}.${d}`);
const privateIpv4 = fc.oneof(
  ipv4In(10),
  ipv4In(127),
  ipv4In(0),
  ipv4In(169, 254, 254),
  ipv4In(172, 16, 31),
  ipv4In(192, 168, 168),
  ipv4In(100, 64, 127),
  fc.tuple(fc.integer({ min: 224, max: 255 }), byte, byte, byte).map((parts) => parts.join('.')),
);
const hextet = fc.integer({ min: 0, max: 0xffff }).map((value) => value.toString(16));
const privateIpv6 = fc.oneof(
  fc.constant('::1'),
  fc
    .tuple(fc.integer({ min: 0xfc00, max: 0xfdff }), hextet, hextet)
    .map(([a, b, c]) => `${a.toString(16)}:${b}::${c}`),
  fc
    .tuple(fc.integer({ min: 0xfe80, max: 0xfebf }), hextet)
    .map(([a, b]) => `${a.toString(16)}::${b}`),
  privateIpv4.map((v4) => `::ffff:${v4}`),
);
const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/);
const publicHost = fc
  .tuple(
    fc.array(label, { minLength: 1, maxLength: 3 }),
    fc.constantFrom('com', 'io', 'example', 'de', 'dev'),
  )
  .map(([labels, tld]) => [...labels, tld].join('.'));
const path = fc
  .array(fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/), { maxLength: 4 })
  .map((parts) => `/${parts.join('/')}`);

describe('the endpoint URL rules', () => {
  it('accepts any https URL on a public host name and returns it normalised', () => {
    fc.assert(
      fc.property(
        publicHost,
        path,
        fc.option(fc.integer({ min: 1, max: 65535 })),
        (host, rest, port) => {
          const raw = `https://${host}${port === null ? '' : `:${port}`}${rest}`;
          const checked = checkEndpointUrl(raw, strict);
          expect(checked).toEqual({ ok: true, url: new URL(raw).href });
        },
      ),
      RUNS,
    );
  });

  it('refuses any URL whose host is a private, loopback, link-local or reserved IPv4 address, in any spelling', () => {
    fc.assert(
      fc.property(privateIpv4, fc.constantFrom('dotted', 'decimal', 'hex'), (address, spelling) => {
        const numeric = address.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
        const host =
          spelling === 'dotted'
            ? address
            : spelling === 'decimal'
              ? String(numeric)
              : `0x${numeric.toString(16)}`;
        const checked = checkEndpointUrl(`https://${host}/hooks`, strict);
        expect(checked.ok).toBe(false);
      }),
      RUNS,
    );
  });

  it('refuses any URL whose host is a non-public IPv6 address', () => {
    fc.assert(
      fc.property(privateIpv6, (address) => {
        expect(isNonPublicAddress(address)).toBe(true);
        expect(checkEndpointUrl(`https://[${address}]/hooks`, strict).ok).toBe(false);
      }),
      RUNS,
    );
  });

  it('never throws, and whatever it accepts is https on a host that is not a private address', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.webUrl({ withQueryParameters: true, withFragments: true })),
        (raw) => {
          const checked = checkEndpointUrl(raw, strict);
          if (checked.ok) {
            const url = new URL(checked.url);
            expect(url.protocol).toBe('https:');
            expect(url.username + url.password).toBe('');
            expect(url.hash).toBe('');
            expect(isNonPublicAddress(url.hostname)).toBe(false);
          } else {
            expect(checked.message.length).toBeGreaterThan(0);
          }
        },
      ),
      RUNS,
    );
  });

  it.each([
    ['http://example.com/hooks', 'The URL must start with https://'],
    ['https://localhost/hooks', 'The URL must point to a public host, not this machine'],
    ['https://api.localhost/hooks', 'The URL must point to a public host, not this machine'],
    [
      'https://169.254.169.254/latest/meta-data',
      'The URL must point to a public address, not a private or reserved one',
    ],
    ['https://intranet/hooks', 'The URL must use a public host name'],
    ['https://build.corp/hooks', 'The URL must use a public host name'],
    ['https://ann:secret@example.com/', 'The URL must not contain a user name or password'],
    ['example.com/hooks', 'Enter a full URL, such as https://example.com/webhooks'],
  ])('refuses %s: "%s"', (raw, message) => {
    expect(checkEndpointUrl(raw, strict)).toEqual({ ok: false, message });
  });

  it('accepts http://localhost only when private targets are allowed (development and tests)', () => {
    expect(checkEndpointUrl('http://localhost:4000/hooks', local)).toEqual({
      ok: true,
      url: 'http://localhost:4000/hooks',
    });
    expect(checkEndpointUrl('http://localhost:4000/hooks', strict).ok).toBe(false);
    expect(checkEndpointUrl('http://example.com/hooks', local).ok).toBe(false);
  });

  it('drops the fragment, which is never sent anyway', () => {
    expect(checkEndpointUrl('https://example.com/hooks#part', strict)).toEqual({
      ok: true,
      url: 'https://example.com/hooks',
    });
  });
});

describe('sending to an endpoint', () => {
  it('refuses at connect time a host name that resolves to a private address, and sends nothing', async () => {
    let requests = 0;
    const server = http.createServer((_request, response) => {
      requests += 1;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const event = {
        url: `http://localhost:${port}/`,
        secret: 'whsec_c2VjcmV0',
        eventId: 'evt_1',
        payload: '{}',
      };
      const outcome = await sendEvent(event, { allowPrivateTargets: false, timeoutMs: 2000 });
      expect(outcome).toEqual({
        ok: false,
        status: null,
        error: 'The host name resolves to a private address',
      });
      const literal = await sendEvent(
        { ...event, url: `http://127.0.0.1:${port}/` },
        { allowPrivateTargets: false, timeoutMs: 2000 },
      );
      expect(literal).toEqual({
        ok: false,
        status: null,
        error: 'The URL points to a private address',
      });
      expect(requests).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('the retry schedule', () => {
  const settings = { retryBaseMs: 30_000, retryMaxDelayMs: 6 * 3600_000, maxAttempts: 12 };
  const now = new Date('2026-01-01T00:00:00.000Z');

  it('doubles the wait after each failed attempt, up to a ceiling, and gives up after the last', () => {
    const waits = [1, 2, 3, 4, 10, 11].map((attempts) => {
      const at = nextRetryAt(now, attempts, settings);
      return at === null ? null : (at.getTime() - now.getTime()) / 1000;
    });
    expect(waits).toEqual([30, 60, 120, 240, 30 * 2 ** 9, 6 * 3600]);
    expect(nextRetryAt(now, 12, settings)).toBeNull();
  });
});
