// Words for a delivery in the log: its state as an admin would say it, and its answer.
import type { WebhookDelivery } from '@app/contracts';
import type { BadgeTone } from '@/components/ui/badge';

export function deliveryState(delivery: WebhookDelivery): { label: string; tone: BadgeTone } {
  switch (delivery.status) {
    case 'delivered':
      return { label: 'Delivered', tone: 'success' };
    case 'failed':
      return { label: 'Failed', tone: 'danger' };
    case 'pending':
      return delivery.attempts === 0
        ? { label: 'Queued', tone: 'neutral' }
        : { label: 'Retrying', tone: 'warning' };
  }
}

/** "HTTP 204", or why no answer came ("Could not reach the endpoint (ECONNREFUSED)"). */
export function deliveryAnswer(delivery: WebhookDelivery): string {
  if (delivery.status === 'delivered' && delivery.responseStatus !== null) {
    return `HTTP ${delivery.responseStatus}`;
  }
  if (delivery.lastError !== null) return delivery.lastError;
  return delivery.responseStatus === null ? '—' : `HTTP ${delivery.responseStatus}`;
}
