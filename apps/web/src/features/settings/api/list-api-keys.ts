// GET /api/api-keys: the organization's API keys (admins only; never their secrets).
import { ListApiKeysResponseSchema, routes, type ListApiKeysResponse } from '@app/contracts';
import { request } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';

export function listApiKeys(signal?: AbortSignal): Promise<ListApiKeysResponse> {
  return request(routes.apiKeys, ListApiKeysResponseSchema, { signal });
}

export function useApiKeys() {
  return useQuery('api-keys', listApiKeys);
}
