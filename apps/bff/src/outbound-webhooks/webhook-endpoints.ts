// What an admin does with the organization's endpoint: register or move it (the URL checked
// against the target rules), remove it, and queue a test event to see that it works.
import { randomBytes, randomUUID } from 'node:crypto';
import type { WebhookDelivery, WebhookEndpoint } from '@app/contracts';
import { AppError } from '../errors/app-error.js';
import { checkEndpointUrl, type EndpointUrlPolicy } from './endpoint-url.js';
import { testEvent } from './outbound-events.js';
import type { WebhookStore } from './webhook-store.js';

/** A new signing secret in the `whsec_<base64>` form Standard Webhooks and Scalekit's SDK use. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

function publicView(endpoint: WebhookEndpoint): WebhookEndpoint {
  const { url, secret, createdAt, updatedAt } = endpoint;
  return { url, secret, createdAt, updatedAt };
}

export class WebhookEndpoints {
  constructor(
    private readonly store: WebhookStore,
    private readonly policy: EndpointUrlPolicy,
    private readonly onQueued: () => void,
  ) {}

  async get(organizationId: string): Promise<WebhookEndpoint | null> {
    const endpoint = await this.store.getEndpoint(organizationId);
    return endpoint === undefined ? null : publicView(endpoint);
  }

  async save(organizationId: string, rawUrl: string): Promise<WebhookEndpoint> {
    const checked = checkEndpointUrl(rawUrl, this.policy);
    if (!checked.ok) {
      throw new AppError('validation_failed', checked.message, {
        issues: [{ path: 'url', message: checked.message }],
      });
    }
    const saved = await this.store.saveEndpoint(
      organizationId,
      checked.url,
      newSigningSecret(),
      new Date(),
    );
    return publicView(saved);
  }

  async remove(organizationId: string): Promise<void> {
    const removed = await this.store.deleteEndpoint(organizationId, new Date());
    if (!removed) throw new AppError('not_found', 'No webhook endpoint is registered.');
  }

  async sendTestEvent(organizationId: string): Promise<WebhookDelivery> {
    if ((await this.store.getEndpoint(organizationId)) === undefined) {
      throw new AppError('not_found', 'Register a webhook endpoint first.');
    }
    const now = new Date();
    const event = testEvent(organizationId, `evt_test_${randomUUID()}`, now);
    const delivery = await this.store.enqueue({
      organizationId,
      eventId: event.id,
      eventType: event.type,
      payload: JSON.stringify(event),
      createdAt: now,
    });
    this.onQueued();
    return delivery;
  }
}
