// Builds sign-in URLs that carry where to come back to, accepting only same-origin paths.
import { paths } from '@/config/paths';

const PROBE_ORIGIN = 'http://return-to.invalid';

/**
 * True for a path on this origin: starts with one `/`, no scheme, no `//host`, no backslash,
 * and nothing a browser's URL parser would still normalise (`/.//evil.test` becomes
 * `//evil.test`), so the path checked is the path a browser follows.
 */
export function isSafeReturnTo(value: string | null | undefined): value is string {
  if (!value || value.length > 2048) return false;
  if (!value.startsWith('/') || value.startsWith('//')) return false;
  if (value.includes('\\')) return false;
  // Control characters could smuggle a different target past browsers' URL parsers.
  if (/\p{Cc}/u.test(value)) return false;
  try {
    const url = new URL(value, PROBE_ORIGIN);
    return url.origin === PROBE_ORIGIN && `${url.pathname}${url.search}${url.hash}` === value;
  } catch {
    return false;
  }
}

/** The SPA sign-in page, remembering `returnTo` (unless it is the sign-in page itself). */
export function signInPath(returnTo: string): string {
  if (!isSafeReturnTo(returnTo) || returnTo.startsWith(paths.signIn)) return paths.signIn;
  return `${paths.signIn}?${new URLSearchParams({ returnTo }).toString()}`;
}
