// Property tests for input that arrives in a URL: the link id in an admin portal path (any
// path opens nothing and changes nothing unless it names a live link) and the origin of
// ListAuthorizedDomains (refused with InvalidArgument or answered with registered host names).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizedDomains } from '../src/directory/authorized-domains.js';
import { DirectoryError } from '../src/directory/errors.js';
import { buildSeed } from '../src/index.js';
import { startTestEmulator, type TestEmulator } from './support/emulator.js';

const SETTINGS = { seed: 20_261_130, interruptAfterTimeLimit: 10_000 };
const URL_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&()*+,;=%é lnk'.split('');
const urlish = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc
    .array(fc.constantFrom(...URL_CHARS), { minLength: 1, maxLength: 40 })
    .map((chars) => chars.join('')),
  fc.webUrl(),
  fc.domain(),
);

describe('admin portal paths', () => {
  let env: TestEmulator;
  beforeAll(async () => {
    env = await startTestEmulator();
  });
  afterAll(() => env.close());

  it('open nothing and change nothing unless they name a live link', async () => {
    const live = await env.sdk.organization.generatePortalLink('org_acme');
    const opened = () =>
      (
        env.emulator.context.db
          .prepare('SELECT COUNT(*) AS n FROM portal_links WHERE opened_at IS NOT NULL')
          .get() as { n: number }
      ).n;
    await fc.assert(
      fc.asyncProperty(urlish, async (raw) => {
        const path = `/portal/${raw}`.replace(/#.*/, '');
        const url = new URL(path, env.emulator.url);
        // Anything that does not resolve to the live link's own path.
        fc.pre(!url.pathname.startsWith(`/portal/${live.id}`));
        const response = await fetch(url, { redirect: 'manual' });
        await response.arrayBuffer();
        expect([404, 410]).toContain(response.status);
        expect(opened()).toBe(0);
      }),
      { ...SETTINGS, numRuns: 200 },
    );
    expect((await fetch(live.location)).status).toBe(200);
  });
});

describe('authorized domains of an origin', () => {
  const seed = buildSeed({ appOrigin: 'https://app.example.com' });
  it('are refused with InvalidArgument or are host names the application registered', () => {
    fc.assert(
      fc.property(urlish, (origin) => {
        let domains: string[];
        try {
          domains = authorizedDomains(seed.clients, origin);
        } catch (error) {
          expect(error).toBeInstanceOf(DirectoryError);
          expect((error as DirectoryError).code).toBe('invalid_argument');
          return;
        }
        for (const domain of domains) expect(domain).toBe('app.example.com');
      }),
      { ...SETTINGS, numRuns: 2000 },
    );
    expect(authorizedDomains(seed.clients, 'https://app.example.com')).toEqual(['app.example.com']);
    expect(authorizedDomains(seed.clients, 'https://evil.example.com')).toEqual([]);
  });
});
