// Email addresses, internationalised domains included: what is accepted must be a domain a
// resolver could use in its ASCII form, and real internationalised domains must pass. Node's
// URL module (UTS #46) serves as the reference here; the schema itself runs in browsers too.
import { domainToASCII } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EmailSchema } from '../src/index.js';
import { PROPERTY_SETTINGS } from '../testing/hostile-input.js';

const accepts = (email: string) => EmailSchema.safeParse(email).success;

describe('EmailSchema and internationalised domains', () => {
  it.each([
    'a@xn--.com',
    'a@xn--a.com',
    'a@xn--abc-.com',
    'a@example.xn--',
    'a@ab--c.com',
    'a@-a.com',
    'a@a-.com',
    'a@1.2.3.4',
    'a@example.123',
    'a@example',
    'a@exa_mple.com',
    'a@münchen.de',
  ])('refuses %j', (email) => {
    expect(accepts(email)).toBe(false);
  });

  it.each([
    'ada@example.com',
    'ada@xn--mnchen-3ya.de',
    'ada@example.xn--p1ai',
    'ada@xn--80ak6aa92e.com',
    'o.brien+team@sub-domain.example.co.uk',
  ])('accepts %j', (email) => {
    expect(accepts(email)).toBe(true);
  });

  it('accepts the ASCII form of any domain made of letters from the world’s scripts', () => {
    const letter = fc.constantFrom(
      ...'abcxyzüéñøåçßдживяαβγλ中文日本한국ąłźşğıêôàû0123456789'.split(''),
    );
    const label = fc.array(letter, { minLength: 1, maxLength: 12 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(
        fc.array(label, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('com', 'de', 'xn--p1ai'),
        (labels, tld) => {
          const ascii = domainToASCII(`${labels.join('.')}.${tld}`);
          fc.pre(ascii !== '' && ascii.split('.').every((part) => part.length <= 63));
          expect(accepts(`someone@${ascii}`)).toBe(true);
        },
      ),
      PROPERTY_SETTINGS,
    );
  });

  it('accepts only domains that are already valid and in ASCII form', () => {
    const piece = fc.oneof(
      fc.constantFrom('xn--', '--', '-', '.', 'a', 'z', '0', '9', 'ü', 'é', '中', '_', 'xn--p1ai'),
      fc.stringMatching(/^[a-z0-9]{0,6}$/),
    );
    const domain = fc
      .array(piece, { minLength: 1, maxLength: 8 })
      .map((pieces) => `${pieces.join('')}.com`);
    fc.assert(
      fc.property(domain, (value) => {
        if (accepts(`someone@${value}`)) expect(domainToASCII(value)).toBe(value);
      }),
      PROPERTY_SETTINGS,
    );
  });
});
