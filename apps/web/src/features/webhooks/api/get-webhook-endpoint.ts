// GET /api/outbound-webhooks/endpoint: the organization's endpoint and signing secret, or null.
import {
  GetWebhookEndpointResponseSchema,
  routes,
  type GetWebhookEndpointResponse,
} from '@app/contracts';
import { request } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';

export function getWebhookEndpoint(signal?: AbortSignal): Promise<GetWebhookEndpointResponse> {
  return request(routes.webhookEndpoint, GetWebhookEndpointResponseSchema, { signal });
}

export function useWebhookEndpoint() {
  return useQuery('webhook-endpoint', getWebhookEndpoint);
}
