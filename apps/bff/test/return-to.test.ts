// safeReturnTo decides where the browser lands after sign-in: whatever it returns must resolve,
// in a browser's URL parser, to the app's own origin and to a page of the SPA.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pages } from '@app/contracts';
import { hostilePath, PROPERTY_SETTINGS } from '@app/contracts/testing';
import { safeReturnTo } from '../src/auth/return-to.js';

const APP = 'https://app.example';
const BFF_SEGMENTS = ['api', 'auth', 'healthz', 'readyz'];

function firstSegment(pathname: string): string {
  const decoded = decodeURIComponent(pathname);
  return (decoded.split('/').find((segment) => segment !== '') ?? '').toLowerCase();
}

describe('safeReturnTo', () => {
  it.each([
    '/.//evil.example',
    '/%2e//evil.example',
    '/%2E//evil.example',
    '/x/..//evil.example',
    '/x/%2e%2e//evil.example',
    '/\t/evil.example',
    '/.\\/evil.example',
    '/x/../api/session',
    '/%61pi/session',
  ])('falls back to the default page for %j', (value) => {
    expect(safeReturnTo(value)).toBe(pages.profile);
  });

  it.each(['/team?tab=pending', '/dashboard/profile#top', '/team/a%2Fb', '/caf%C3%A9'])(
    'keeps the same-origin page %j as it is',
    (value) => {
      expect(safeReturnTo(value)).toBe(value);
    },
  );

  it('only ever returns a path a browser resolves to the app’s own origin and a page of the SPA', () => {
    fc.assert(
      fc.property(hostilePath(), (value) => {
        const result = safeReturnTo(value);
        if (result === pages.profile) return;
        // Printable ASCII only: safe in a Location header, nothing for a browser to strip.
        expect(result).toMatch(/^\/[\x21-\x7e]*$/);
        expect(result.startsWith('//')).toBe(false);
        const landing = new URL(result, `${APP}/some/deep/page`);
        expect(landing.origin).toBe(APP);
        expect(`${landing.pathname}${landing.search}${landing.hash}`).toBe(result);
        expect(BFF_SEGMENTS).not.toContain(firstSegment(landing.pathname));
      }),
      PROPERTY_SETTINGS,
    );
  });

  it('returns the same page for its own output (nothing left to normalise)', () => {
    fc.assert(
      fc.property(hostilePath(), (value) => {
        const result = safeReturnTo(value);
        expect(safeReturnTo(result)).toBe(result);
      }),
      PROPERTY_SETTINGS,
    );
  });
});
