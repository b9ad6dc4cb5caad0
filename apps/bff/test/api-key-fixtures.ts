// Shared steps of the API key tests: an admin creating a key through the session routes, and
// another system calling the BFF with it over plain HTTP (no cookie, no CSRF header).
import {
  routes,
  type ApiKeyScope,
  type CreateApiKeyResponse,
  type ListApiKeysResponse,
} from '@app/contracts';
import type { Browser } from './support/browser.js';
import { parse, sendJson } from './team-fixtures.js';

export async function createKey(
  admin: Browser,
  scopes: ApiKeyScope[],
  options: { name?: string; expiresAt?: string } = {},
): Promise<CreateApiKeyResponse> {
  const response = await sendJson(admin, 'POST', routes.apiKeys, {
    name: options.name ?? 'CRM sync',
    scopes,
    ...(options.expiresAt === undefined ? {} : { expiresAt: options.expiresAt }),
  });
  if (response.status !== 201) throw new Error(`create key answered ${response.status}`);
  return parse<CreateApiKeyResponse>(response);
}

export async function listKeys(admin: Browser): Promise<ListApiKeysResponse['apiKeys']> {
  return parse<ListApiKeysResponse>(await admin.get(routes.apiKeys)).apiKeys;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** A server-to-server call as a CRM makes it: fetch, the key as a Bearer, JSON. */
export async function callWithKey(
  baseUrl: string,
  key: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiAnswer> {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? null : (JSON.parse(text) as unknown),
  };
}
