// returnTo is user input that becomes a redirect: only same-origin relative paths of the SPA
// pass (no `//host`, no scheme, no backslash, no control characters); anything else falls
// back to the default page. The checks apply to the value actually emitted, after URL
// normalisation: `/.//evil.example` normalises to `//evil.example`, which a browser reads as
// another host.
import { pages, routes } from '@app/contracts';

const PROBE_ORIGIN = 'http://return-to.invalid';
const MAX_LENGTH = 2048;

/** First path segments the BFF answers itself (`api`, `auth`, `healthz`, ...): never a landing page. */
const BFF_SEGMENTS: ReadonlySet<string> = new Set(
  Object.values(routes).flatMap((route) =>
    typeof route === 'string' ? [route.split('/')[1] ?? ''] : [],
  ),
);

/** Backslashes are read as slashes by browsers (`/\evil.test`); control characters can hide them. */
const UNSAFE_CHARACTERS = /[\\\p{Cc}]/u;

/** A path a browser resolves against any origin to that same origin and that exact path. */
function isOriginRelativePath(value: string): boolean {
  if (value.length === 0 || value.length > MAX_LENGTH) return false;
  if (!value.startsWith('/') || value.startsWith('//')) return false;
  if (UNSAFE_CHARACTERS.test(value) || value.includes(' ')) return false;
  let url: URL;
  try {
    url = new URL(value, PROBE_ORIGIN);
  } catch {
    return false;
  }
  // A browser must land exactly here: nothing left for its own normalisation to change.
  return url.origin === PROBE_ORIGIN && `${url.pathname}${url.search}${url.hash}` === value;
}

function isBffEndpoint(pathname: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return true;
  }
  const first = decoded.split('/').find((segment) => segment !== '') ?? '';
  return BFF_SEGMENTS.has(first.toLowerCase());
}

/** The normalised path of `value` when it stays on this origin; undefined otherwise. */
function normalisedPath(value: string): string | undefined {
  if (!value.startsWith('/') || value.startsWith('//') || UNSAFE_CHARACTERS.test(value)) {
    return undefined;
  }
  try {
    const url = new URL(value, PROBE_ORIGIN);
    return url.origin === PROBE_ORIGIN ? `${url.pathname}${url.search}${url.hash}` : undefined;
  } catch {
    return undefined;
  }
}

export function safeReturnTo(value: string | undefined, fallback: string = pages.profile): string {
  if (value === undefined || value.length > MAX_LENGTH) return fallback;
  const candidate = normalisedPath(value);
  if (candidate === undefined || !isOriginRelativePath(candidate)) return fallback;
  return isBffEndpoint(new URL(candidate, PROBE_ORIGIN).pathname) ? fallback : candidate;
}
