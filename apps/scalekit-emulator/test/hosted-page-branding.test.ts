// Branding from the seed on the hosted pages: the schema lets only safe values in (colours are
// "#rrggbb", logos are http(s) URLs or SVG documents), and the pages show them escaped.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSeed, parseSeed, SeedError } from '../src/index.js';
import { CookieJar } from '../src/testing/index.js';
import { APP_ORIGIN, startAuthEmulator, type AuthTestEmulator } from './support/auth-fixtures.js';

const SETTINGS = { seed: 20_261_130, numRuns: 300, interruptAfterTimeLimit: 5_000 };

const HOSTILE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><text>"\'</text></svg>';
const BRANDING = {
  name: 'Acme <b>"Corp"</b> & co',
  logoSvg: HOSTILE_SVG,
  primaryColor: '#0a7d5c',
  primaryColorDark: '#6fd39b',
};

function seedWithBranding(branding: unknown): unknown {
  return { ...buildSeed({ appOrigin: APP_ORIGIN, webhookUrl: null }), branding };
}

function issuesOf(raw: unknown): string[] {
  try {
    parseSeed(raw);
  } catch (error) {
    if (error instanceof SeedError) return error.issues;
    throw error;
  }
  return [];
}

describe("the seed's branding", () => {
  it('accepts a name, an SVG logo and light and dark colours', () => {
    expect(parseSeed(seedWithBranding(BRANDING)).branding).toEqual(BRANDING);
  });

  it('lists every bad branding key at once', () => {
    const paths = issuesOf(
      seedWithBranding({
        name: '',
        logoUrl: 'javascript:alert(1)',
        primaryColor: 'red; } body { display: none',
        primaryColorDark: '#12345',
        font: 'Comic Sans',
      }),
    ).map((line) => line.split(':')[0]);
    expect(paths).toEqual(
      expect.arrayContaining([
        'branding.name',
        'branding.logoUrl',
        'branding.primaryColor',
        'branding.primaryColorDark',
        'branding',
      ]),
    );
  });

  it('refuses a logo that is not an SVG document, and a URL and an SVG together', () => {
    expect(issuesOf(seedWithBranding({ ...BRANDING, logoSvg: '<img src=x>' }))).toEqual([
      'branding.logoSvg: must be an SVG document ("<svg ...")',
    ]);
    expect(
      issuesOf(seedWithBranding({ ...BRANDING, logoUrl: 'https://cdn.example.test/logo.png' })),
    ).toEqual(['branding.logoSvg: give logoUrl or logoSvg, not both']);
  });

  it('keeps a colour only when it is exactly "#rrggbb", so nothing else reaches the stylesheet', () => {
    const colourish = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.stringMatching(/^#[0-9a-fA-F]{6}$/),
      fc
        .tuple(fc.stringMatching(/^#[0-9a-fA-F]{6}$/), fc.string({ minLength: 1, maxLength: 6 }))
        .map(([hex, tail]) => `${hex}${tail}`),
    );
    fc.assert(
      fc.property(colourish, (colour) => {
        const issues = issuesOf(seedWithBranding({ name: 'Acme', primaryColor: colour }));
        if (/^#[0-9a-fA-F]{6}$/.test(colour)) expect(issues).toEqual([]);
        else expect(issues).toEqual(['branding.primaryColor: must be a colour like "#3b4fd8"']);
      }),
      SETTINGS,
    );
  });
});

describe('branded hosted pages', () => {
  let t: AuthTestEmulator;

  beforeAll(async () => {
    t = await startAuthEmulator({ seed: parseSeed(seedWithBranding(BRANDING)) });
  });
  afterAll(async () => {
    await t.close();
  });

  async function page(url: string): Promise<{ status: number; html: string }> {
    const jar = new CookieJar();
    const get = async (target: string): Promise<Response> => {
      const response = await fetch(new URL(target, t.emulator.url), {
        redirect: 'manual',
        headers: { cookie: jar.header() ?? '' },
      });
      jar.store(response);
      return response;
    };
    let response = await get(url);
    const location = response.headers.get('location');
    if (response.status === 302 && location) response = await get(location);
    return { status: response.status, html: await response.text() };
  }

  function expectBranded(html: string): void {
    expect(html).toContain('<span>Acme &lt;b&gt;&quot;Corp&quot;&lt;/b&gt; &amp; co</span>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('--brand: #0a7d5c; --brand-dark: #6fd39b;');
    expect(html).toContain('@media (prefers-color-scheme: dark)');
    const src = /<img src="(data:image\/svg\+xml,[^"]*)" alt="" \/>/.exec(html)?.[1];
    expect(src).toBeDefined();
    // The SVG travels only inside the attribute (its script cannot run in an <img>).
    expect(html).not.toContain('<script');
    expect(decodeURIComponent((src ?? '').replace('&#39;', "'").slice(19))).toBe(HOSTILE_SVG);
  }

  it("shows the seed's name, logo and colour on the sign-in email step, escaped", async () => {
    const authorize = t.sdk.getAuthorizationUrl(`${APP_ORIGIN}/api/callback`, {
      state: 's',
      scopes: ['openid', 'email', 'profile'],
    });
    const { status, html } = await page(authorize);
    expect(status).toBe(200);
    expect(html).toContain('<label for="email">');
    expectBranded(html);
  });

  it('shows the same branding on an error page', async () => {
    const { status, html } = await page('/oauth/authorize?client_id=skc_unknown');
    expect(status).toBe(400);
    expect(html).toContain('Unknown application');
    expectBranded(html);
  });
});
