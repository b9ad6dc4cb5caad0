// GET /api/outbound-webhooks/deliveries: the newest deliveries first.
import {
  ListWebhookDeliveriesResponseSchema,
  routes,
  type ListWebhookDeliveriesResponse,
} from '@app/contracts';
import { request } from '@/lib/api-client';
import { useQuery } from '@/lib/use-query';

export const DELIVERY_LOG_SIZE = 50;

export function listWebhookDeliveries(
  signal?: AbortSignal,
): Promise<ListWebhookDeliveriesResponse> {
  return request(routes.webhookDeliveries, ListWebhookDeliveriesResponseSchema, {
    query: { pageSize: DELIVERY_LOG_SIZE },
    signal,
  });
}

export function useWebhookDeliveries(enabled: boolean) {
  return useQuery('webhook-deliveries', listWebhookDeliveries, { enabled });
}
