// fast-check arbitraries of hostile input for the property tests of every package: paths and
// text built from the pieces that confuse URL parsers and header writers (dot segments, raw and
// percent-encoded slashes and dots, backslashes, control characters, unicode look-alikes).
import fc from 'fast-check';

/** Pieces of a URL path that parsers normalise, decode or read as separators. */
const PATH_PIECES = [
  '/',
  '//',
  '///',
  '.',
  '..',
  './',
  '../',
  '%2e',
  '%2E',
  '%2e%2e',
  '.%2E',
  '%2f',
  '%2F',
  '%5c',
  '%5C',
  '\\',
  '/\\',
  '\t',
  '\n',
  '\r',
  '\r\n',
  ' ',
  '%20',
  '%09',
  '%0a',
  '%0d%0a',
  '\u0000',
  '\u001f',
  '\u007f',
  '%00',
  '%',
  '%E0%A4%A',
  '%FF',
  '?',
  '#',
  '@',
  ':',
  ';',
  '&',
  '=',
  'evil.example',
  'evil.example:443',
  'user:pass@evil.example',
  'http:',
  'https:',
  'javascript:',
  'data:',
  'api',
  'API',
  'auth',
  'Auth',
  '%61pi',
  'healthz',
  'readyz',
  'team',
  'sign-in',
  'dashboard',
  'profile',
  '\u3002', // ideographic full stop, a dot to some hostname parsers
  '\uFF0F', // fullwidth solidus
  '\uFF3C', // fullwidth reverse solidus
  '\u2215', // division slash
  '\u200B', // zero-width space
  '\u202E', // right-to-left override
  'é',
  '😀',
  '\uD800', // a lone surrogate
] as const;

/** Strings assembled from path pieces, with or without a leading slash, plus arbitrary text. */
export function hostilePath(): fc.Arbitrary<string> {
  const assembled = fc
    .array(fc.constantFrom(...PATH_PIECES), { minLength: 1, maxLength: 12 })
    .map((pieces) => pieces.join(''));
  return fc.oneof(
    { weight: 5, arbitrary: assembled.map((path) => `/${path}`) },
    { weight: 2, arbitrary: assembled },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.webUrl().map((url) => url.replace(/^https?:/, '')) },
  );
}

/** Text that a handler might echo: markup, control characters, unicode and path pieces. */
export function hostileText(): fc.Arbitrary<string> {
  return fc.oneof(
    hostilePath(),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.constantFrom('<script>alert(1)</script>', '"}{', '${7*7}', '=HYPERLINK("x")'),
  );
}

/** Seeded, bounded settings for every property test: reproducible and quick on a busy machine. */
export const PROPERTY_SETTINGS = { seed: 20260707, numRuns: 1000, interruptAfterTimeLimit: 3_000 };
