// DELETE /api/outbound-webhooks/endpoint: stops sending events (pending deliveries fail).
import { routes } from '@app/contracts';
import { send } from '@/lib/api-client';

export async function removeWebhookEndpoint(): Promise<void> {
  await send(routes.webhookEndpoint, { method: 'DELETE' });
}
