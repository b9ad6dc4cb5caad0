// Member routes put an id into a URL path: whatever the id, the URL a browser builds from the
// route must address that member's route, never another one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { routes } from '../src/index.js';
import { hostilePath, PROPERTY_SETTINGS } from '../testing/hostile-input.js';

const APP = 'https://app.example';
const anyId = fc.oneof(hostilePath(), fc.constantFrom('.', '..', '', '%2e', '%2e%2e', '.%2E'));

describe('member routes', () => {
  it.each(['.', '..', ''])('refuse the id %j, which no encoding keeps in its segment', (id) => {
    expect(() => routes.member(id)).toThrow(RangeError);
    expect(() => routes.resendInvite(id)).toThrow(RangeError);
  });

  it('keep any other id in exactly one path segment of the member route, or refuse it', () => {
    fc.assert(
      fc.property(anyId, (id) => {
        for (const [build, suffix] of [
          [routes.member, ''],
          [routes.resendInvite, '/resend-invite'],
        ] as const) {
          let route: string;
          try {
            route = build(id);
          } catch (error) {
            expect(error).toBeInstanceOf(RangeError);
            continue;
          }
          const url = new URL(route, APP);
          expect(url.origin).toBe(APP);
          expect(`${url.search}${url.hash}`).toBe('');
          expect(url.pathname.startsWith('/api/team/members/')).toBe(true);
          const rest = url.pathname.slice('/api/team/members/'.length);
          expect(rest.endsWith(suffix)).toBe(true);
          const segment = rest.slice(0, rest.length - suffix.length);
          expect(segment).not.toContain('/');
          expect(decodeURIComponent(segment)).toBe(id);
        }
      }),
      PROPERTY_SETTINGS,
    );
  });
});
