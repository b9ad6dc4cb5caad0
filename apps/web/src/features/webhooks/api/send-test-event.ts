// POST /api/outbound-webhooks/endpoint/test: queues a `webhook.test` event to the endpoint.
import { routes, WebhookDeliverySchema, type WebhookDelivery } from '@app/contracts';
import { request } from '@/lib/api-client';

export function sendTestEvent(): Promise<WebhookDelivery> {
  return request(routes.webhookTestEvent, WebhookDeliverySchema, { method: 'POST' });
}
