import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostilePath, PROPERTY_SETTINGS } from '@app/contracts/testing';
import { isSafeReturnTo, signInPath } from './sign-in-path';

const APP = 'https://app.example';

describe('returnTo handling', () => {
  it.each(['/team', '/dashboard/profile?x=1', '/team#top'])(
    'accepts the same-origin path %s',
    (path) => {
      expect(isSafeReturnTo(path)).toBe(true);
    },
  );

  it.each([
    '',
    'team',
    '//evil.test',
    '/\\evil.test',
    'https://evil.test',
    '/team\n',
    null,
    '/.//evil.test',
    '/%2e//evil.test',
    '/x/..//evil.test',
  ])('refuses %j', (path) => {
    expect(isSafeReturnTo(path)).toBe(false);
  });

  it('never points sign-in back at itself', () => {
    expect(signInPath('/sign-in?returnTo=%2Fteam')).toBe('/sign-in');
    expect(signInPath('/team')).toBe('/sign-in?returnTo=%2Fteam');
  });

  it('only remembers a returnTo that a browser resolves to this origin, unchanged', () => {
    fc.assert(
      fc.property(hostilePath(), (value) => {
        const target = new URL(signInPath(value), APP);
        expect(target.origin).toBe(APP);
        expect(target.pathname).toBe('/sign-in');
        const returnTo = target.searchParams.get('returnTo');
        if (returnTo === null) return;
        const landing = new URL(returnTo, `${APP}/some/page`);
        expect(landing.origin).toBe(APP);
        expect(`${landing.pathname}${landing.search}${landing.hash}`).toBe(returnTo);
      }),
      PROPERTY_SETTINGS,
    );
  });
});
