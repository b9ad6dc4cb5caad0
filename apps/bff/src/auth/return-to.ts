// returnTo is user input that becomes a redirect: only same-origin relative paths of the SPA
// pass (no `//host`, no scheme, no backslash, no control characters); anything else falls
// back to the default page.
import { pages } from '@app/contracts';

const PROBE_ORIGIN = 'http://return-to.invalid';

export function safeReturnTo(value: string | undefined, fallback: string = pages.profile): string {
  if (value === undefined || value.length === 0 || value.length > 2048) return fallback;
  if (!value.startsWith('/') || value.startsWith('//')) return fallback;
  // Backslashes are read as slashes by browsers (`/\evil.test`); control characters can hide
  // them or split headers.
  if (/[\\\p{Cc}]/u.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE_ORIGIN) return fallback;
  const path = url.pathname;
  // The BFF's own endpoints are never a landing page.
  if (path.startsWith('/api/') || path.startsWith('/auth/') || path === '/api' || path === '/auth')
    return fallback;
  return `${path}${url.search}${url.hash}`;
}
