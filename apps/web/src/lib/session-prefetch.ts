// The first GET /api/session of a page load starts in the entry, in parallel with the download
// of the signed-in screens and the contracts (which parse the answer): otherwise it waits for
// both, a visible part of the first screen after sign-in.
import { paths, sessionRoute } from '@/config/paths';

let prefetched: Promise<Response> | undefined;

/** Starts the request unless the page is the sign-in screen (where nobody is signed in). */
export function prefetchSession(pathname: string): void {
  if (pathname === paths.signIn || prefetched) return;
  prefetched = fetch(sessionRoute, {
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  });
  // Whoever takes it handles a failure; until then it must not count as unhandled.
  prefetched.catch(() => undefined);
}

/** The prefetched answer, once: later reads of the session ask the BFF again. */
export function takePrefetchedSession(): Promise<Response> | undefined {
  const response = prefetched;
  prefetched = undefined;
  return response;
}
