// The signed join links: only a genuine, unexpired link of the right purpose is accepted, and
// any change to a genuine one is refused with invalid_link.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AppError } from '../src/errors/app-error.js';
import { JoinLinks } from '../src/requests/join-links.js';

const links = new JoinLinks('test-session-secret-0123456789abcdef-0123456789');
const now = new Date('2026-03-01T12:00:00Z');

function refusal(action: () => unknown): string | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
}

describe('join links', () => {
  it('accept a genuine link and carry its address lower-cased', () => {
    const token = links.issue('confirm', 'Peter@Initech.test', 600, now);
    expect(links.verify(token, 'confirm', now)).toMatchObject({
      purpose: 'confirm',
      email: 'peter@initech.test',
      expiresAt: new Date(now.getTime() + 600_000),
    });
  });

  it('refuse an expired link', () => {
    const token = links.issue('confirm', 'peter@initech.test', 600, now);
    expect(refusal(() => links.verify(token, 'confirm', new Date(now.getTime() + 600_000)))).toBe(
      'invalid_link',
    );
  });

  it('refuse a status link used as a confirmation link, and the other way round', () => {
    const status = links.issue('status', 'peter@initech.test', 600, now);
    const confirm = links.issue('confirm', 'peter@initech.test', 600, now);
    expect(refusal(() => links.verify(status, 'confirm', now))).toBe('invalid_link');
    expect(refusal(() => links.verify(confirm, 'status', now))).toBe('invalid_link');
  });

  it('refuse a link signed with another secret', () => {
    const other = new JoinLinks('another-secret-0123456789abcdef-0123456789abc');
    const token = other.issue('confirm', 'peter@initech.test', 600, now);
    expect(refusal(() => links.verify(token, 'confirm', now))).toBe('invalid_link');
  });

  it('refuse every change to a genuine link', () => {
    const token = links.issue('confirm', 'peter@initech.test', 600, now);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    fc.assert(
      fc.property(
        fc.nat({ max: token.length - 1 }),
        fc.constantFrom(...alphabet.split('')),
        (position, replacement) => {
          fc.pre(token[position] !== replacement);
          const altered = token.slice(0, position) + replacement + token.slice(position + 1);
          expect(refusal(() => links.verify(altered, 'confirm', now))).toBe('invalid_link');
        },
      ),
      { seed: 20261130, numRuns: 300 },
    );
  });

  it('refuse any string that is not a link', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(refusal(() => links.verify(text, 'confirm', now))).toBe('invalid_link');
      }),
      { seed: 20261130, numRuns: 300 },
    );
  });
});
