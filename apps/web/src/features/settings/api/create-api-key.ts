// POST /api/api-keys: creates a key; the answer carries the whole key, the only time it is shown.
import {
  CreateApiKeyBodySchema,
  CreateApiKeyResponseSchema,
  routes,
  type CreateApiKeyBody,
  type CreateApiKeyResponse,
} from '@app/contracts';
import { request } from '@/lib/api-client';

export function createApiKey(body: CreateApiKeyBody): Promise<CreateApiKeyResponse> {
  return request(routes.apiKeys, CreateApiKeyResponseSchema, {
    method: 'POST',
    json: CreateApiKeyBodySchema.parse(body),
  });
}
