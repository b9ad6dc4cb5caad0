// Property tests for input that the access features store or parse: domain names (refused with
// InvalidArgument or stored normalised, never half-accepted) and user agents (any header value
// gives a device description).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryError } from '../src/directory/errors.js';
import { normalizeDomainName } from '../src/directory/email-domains.js';
import { describeDevice } from '../src/sessions/device.js';
import { startTestEmulator, type TestEmulator } from './support/emulator.js';

const SETTINGS = { seed: 20_261_130, interruptAfterTimeLimit: 10_000 };
const LABEL_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._ @/:%é'.split(
  '',
);

/** Strings that look like domain names often enough to exercise both outcomes. */
const domainish = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc
    .array(fc.constantFrom(...LABEL_CHARS), { minLength: 1, maxLength: 30 })
    .map((chars) => chars.join('')),
  fc
    .tuple(fc.domain(), fc.constantFrom('', ' ', '.', '-', 'A'))
    .map(([domain, noise]) => `${noise}${domain}`),
);

describe('domain names', () => {
  it('are either refused with InvalidArgument or normalised to a lower-case DNS name', () => {
    fc.assert(
      fc.property(domainish, (raw) => {
        let name: string;
        try {
          name = normalizeDomainName(raw);
        } catch (error) {
          expect(error).toBeInstanceOf(DirectoryError);
          expect((error as DirectoryError).code).toBe('invalid_argument');
          return;
        }
        expect(name).toBe(raw.trim().toLowerCase());
        expect(name.length).toBeLessThanOrEqual(253);
        expect(name.split('.').length).toBeGreaterThanOrEqual(2);
        for (const label of name.split('.'))
          expect(label).toMatch(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/);
      }),
      { ...SETTINGS, numRuns: 2000 },
    );
  });

  describe('through the SDK', () => {
    let env: TestEmulator;
    beforeAll(async () => {
      env = await startTestEmulator();
    });
    afterAll(() => env.close());

    it('stores exactly the names it accepts and nothing for the ones it refuses', async () => {
      const orgId = (await env.sdk.organization.createOrganization('Property Domains')).organization
        ?.id;
      const accepted: string[] = [];
      await fc.assert(
        fc.asyncProperty(domainish, async (raw) => {
          const outcome = await env.sdk.domain
            .createDomain(orgId ?? '', raw, { domainType: 'ALLOWED_EMAIL_DOMAIN' })
            .then(
              (created) => ({ ok: true as const, name: created.domain?.domain ?? '' }),
              (error: unknown) => ({ ok: false as const, error }),
            );
          if (outcome.ok) accepted.push(outcome.name);
          else expect((outcome.error as { httpStatus?: number }).httpStatus).toBe(400);
        }),
        { ...SETTINGS, numRuns: 60 },
      );
      const listed = await env.sdk.domain.listDomains(orgId ?? '', {});
      expect(listed.domains.map((d) => d.domain)).toEqual(accepted.slice(0, 30));
    });
  });
});

describe('user agents', () => {
  it('always give a device with a known type, keeping the header as sent', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.ipV4(), (userAgent, ip) => {
        const device = describeDevice(userAgent, ip);
        expect(device.userAgent).toBe(userAgent);
        expect(device.ip).toBe(ip);
        expect(['desktop', 'mobile', 'tablet', 'other']).toContain(device.deviceType);
      }),
      { ...SETTINGS, numRuns: 1000 },
    );
  });
});
