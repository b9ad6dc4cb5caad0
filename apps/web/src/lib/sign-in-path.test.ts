import { describe, expect, it } from 'vitest';
import { isSafeReturnTo, signInPath } from './sign-in-path';

describe('returnTo handling', () => {
  it.each(['/team', '/dashboard/profile?x=1', '/team#top'])(
    'accepts the same-origin path %s',
    (path) => {
      expect(isSafeReturnTo(path)).toBe(true);
    },
  );

  it.each(['', 'team', '//evil.test', '/\\evil.test', 'https://evil.test', '/team\n', null])(
    'refuses %j',
    (path) => {
      expect(isSafeReturnTo(path)).toBe(false);
    },
  );

  it('never points sign-in back at itself', () => {
    expect(signInPath('/sign-in?returnTo=%2Fteam')).toBe('/sign-in');
    expect(signInPath('/team')).toBe('/sign-in?returnTo=%2Fteam');
  });
});
