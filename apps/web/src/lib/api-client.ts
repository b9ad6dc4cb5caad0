// Same-origin client for the BFF: sends the CSRF header on every write, parses every answer
// with the contracts' schemas, and turns any 401 into a trip to the sign-in page.
import { CSRF_HEADER, CSRF_HEADER_VALUE, ErrorBodySchema } from '@app/contracts';
import type { z } from 'zod';
import { ApiError } from './api-error';
import { notifyUnauthenticated } from './unauthenticated';

/**
 * zod's English messages for the forms, requested as soon as any screen that talks to the BFF
 * loads, in parallel with it (see src/lib/zod-lite/english-messages.ts).
 */
export const englishMessages: Promise<void> = import('./zod-lite/english-messages').then(
  () => undefined,
);

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: Method;
  query?: QueryParams;
  /** A JSON body; sent with `content-type: application/json`. */
  json?: unknown;
  /** A raw body with its content type (e.g. CSV text). */
  body?: { content: string; contentType: string };
  signal?: AbortSignal | undefined;
  accept?: string;
  /** Lets the request outlive the page (sent while the page is being left). */
  keepalive?: boolean;
  /** An answer to this same GET already on its way (see session-prefetch.ts). */
  prefetched?: Promise<Response> | undefined;
}

function buildUrl(path: string, query: QueryParams | undefined): URL {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '')
      url.searchParams.set(key, String(value));
  }
  return url;
}

async function toApiError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const body = ErrorBodySchema.safeParse(parsed);
  if (!body.success) {
    return new ApiError({
      code: response.status === 401 ? 'unauthenticated' : 'invalid_response',
      status: response.status,
      message: `Unexpected ${response.status} answer`,
    });
  }
  const header = Number(response.headers.get('retry-after'));
  return new ApiError({
    code: body.data.code,
    status: response.status,
    message: body.data.message,
    issues: body.data.issues,
    retryAfterSeconds:
      body.data.retryAfterSeconds ?? (Number.isFinite(header) && header > 0 ? header : undefined),
  });
}

/** Sends a request; answers the raw response when it is 2xx, throws an ApiError otherwise. */
export async function send(path: string, options: RequestOptions = {}): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers = new Headers({ accept: options.accept ?? 'application/json' });
  let body: string | undefined;
  if (method !== 'GET') headers.set(CSRF_HEADER, CSRF_HEADER_VALUE);
  if (options.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(options.json);
  } else if (options.body) {
    headers.set('content-type', options.body.contentType);
    body = options.body.content;
  }

  let response: Response;
  try {
    response = await (options.prefetched ??
      fetch(buildUrl(path, options.query), {
        method,
        headers,
        body: body ?? null,
        credentials: 'same-origin',
        signal: options.signal ?? null,
        keepalive: options.keepalive ?? false,
      }));
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ code: 'network_error', status: 0, message: 'Network request failed' });
  }

  if (response.ok) return response;
  const error = await toApiError(response);
  if (response.status === 401) {
    notifyUnauthenticated();
  }
  throw error;
}

/** Sends a request and parses the JSON answer with `schema`. */
export async function request<S extends z.ZodType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.output<S>> {
  const response = await send(path, options);
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new ApiError({ code: 'invalid_response', status: response.status, message: 'Not JSON' });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError({
      code: 'invalid_response',
      status: response.status,
      message: 'The answer did not match the contract',
    });
  }
  return parsed.data;
}
