// ListAuthorizedDomains: which host names an origin may use, as front ends check before
// sending people to the hosted pages. An origin is authorized when it is one of an application's
// registered URIs (redirect, initiate-login, post-logout); the answer is every host name that
// application registered.
import type { ClientRegistration } from '../domain.js';
import { invalidArgument } from './errors.js';

export function authorizedDomains(
  clients: readonly ClientRegistration[],
  origin: string,
): string[] {
  const wanted = parseOrigin(origin);
  for (const client of clients) {
    const uris = [
      ...client.redirectUris,
      ...(client.initiateLoginUrl === null ? [] : [client.initiateLoginUrl]),
      ...client.postLogoutRedirectUris,
    ].map((uri) => new URL(uri));
    const matches = uris.some((uri) =>
      wanted.hasScheme ? uri.origin === wanted.url.origin : uri.host === wanted.url.host,
    );
    if (matches) return [...new Set(uris.map((uri) => uri.hostname))];
  }
  return [];
}

/** "https://app.example.com" or a bare "app.example.com[:port]". */
function parseOrigin(origin: string): { url: URL; hasScheme: boolean } {
  const trimmed = origin.trim();
  if (trimmed === '') throw invalidArgument('origin is required');
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed);
  try {
    const url = new URL(hasScheme ? trimmed : `https://${trimmed}`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('scheme');
    return { url, hasScheme };
  } catch {
    throw invalidArgument(`origin "${origin}" is not an http(s) origin or host name`);
  }
}
