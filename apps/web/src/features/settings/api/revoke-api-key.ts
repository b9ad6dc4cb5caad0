// POST /api/api-keys/:keyId/revoke: the key stops working at once; it stays listed as revoked.
import { ApiKeyResponseSchema, routes, type ApiKey } from '@app/contracts';
import { request } from '@/lib/api-client';

export async function revokeApiKey(keyId: string): Promise<ApiKey> {
  return (await request(routes.revokeApiKey(keyId), ApiKeyResponseSchema, { method: 'POST' }))
    .apiKey;
}
