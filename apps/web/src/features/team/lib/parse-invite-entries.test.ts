import { describe, expect, it } from 'vitest';
import { parseInviteEntries } from './parse-invite-entries';

describe('parseInviteEntries', () => {
  it('splits on commas, semicolons and new lines, and drops repeats of an address', () => {
    expect(
      parseInviteEntries('a@x.test, b@x.test;\n\nA@x.test\nc@x.test ').map((entry) => entry.email),
    ).toEqual(['a@x.test', 'b@x.test', 'c@x.test']);
  });

  it('reads names written as Name <email>', () => {
    expect(parseInviteEntries('"Ada King Lovelace" <ada@x.test>')).toEqual([
      {
        source: '"Ada King Lovelace" <ada@x.test>',
        email: 'ada@x.test',
        givenName: 'Ada',
        familyName: 'King Lovelace',
      },
    ]);
    expect(parseInviteEntries('<solo@x.test>')[0]).toMatchObject({
      email: 'solo@x.test',
      givenName: undefined,
    });
  });
});
