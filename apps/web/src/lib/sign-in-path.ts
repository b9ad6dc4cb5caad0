// Builds sign-in URLs that carry where to come back to, accepting only same-origin paths.
import { paths } from '@/config/paths';

/** True for a path on this origin: starts with one `/`, no scheme, no `//host`, no backslash. */
export function isSafeReturnTo(value: string | null | undefined): value is string {
  if (!value || value.length > 2048) return false;
  if (!value.startsWith('/') || value.startsWith('//')) return false;
  if (value.includes('\\')) return false;
  // Control characters could smuggle a different target past browsers' URL parsers.
  return !/\p{Cc}/u.test(value);
}

/** The SPA sign-in page, remembering `returnTo` (unless it is the sign-in page itself). */
export function signInPath(returnTo: string): string {
  if (!isSafeReturnTo(returnTo) || returnTo.startsWith(paths.signIn)) return paths.signIn;
  return `${paths.signIn}?${new URLSearchParams({ returnTo }).toString()}`;
}
