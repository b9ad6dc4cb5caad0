// PUT /api/outbound-webhooks/endpoint: registers the endpoint, or moves it to another URL.
import {
  PutWebhookEndpointBodySchema,
  routes,
  WebhookEndpointSchema,
  type WebhookEndpoint,
} from '@app/contracts';
import { request } from '@/lib/api-client';

export function saveWebhookEndpoint(url: string): Promise<WebhookEndpoint> {
  return request(routes.webhookEndpoint, WebhookEndpointSchema, {
    method: 'PUT',
    json: PutWebhookEndpointBodySchema.parse({ url }),
  });
}
