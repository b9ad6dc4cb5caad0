// Outbound webhooks (implements `Events`): each event is queued in auth_webhooks, then POSTed
// to the seed's webhook URL signed the Standard Webhooks way, retried with backoff.
import { createHmac } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { EmulatorContext, Events, WebhookEventType } from '../domain.js';
import { randomId } from './crypto.js';
import { RetryQueue } from './retry-queue.js';
import { prepared } from './statements.js';

interface WebhookRow {
  id: string;
  type: string;
  body: string;
  attempts: number;
}

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed with the secret after "whsec_". */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.slice(secret.indexOf('_') + 1), 'base64');
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return `v1,${mac}`;
}

export class Webhooks implements Events {
  private readonly db: Database.Database;
  private readonly queue: RetryQueue<WebhookRow>;

  constructor(private readonly ctx: EmulatorContext) {
    this.db = ctx.db;
    this.queue = new RetryQueue<WebhookRow>({
      db: ctx.db,
      table: 'auth_webhooks',
      baseDelayMs: ctx.settings.deliveryRetryBaseMs,
      deliver: (row, signal) => this.deliver(row, signal),
    });
  }

  start(): void {
    if (this.ctx.seed.webhook) this.queue.kick();
  }

  emit(
    type: WebhookEventType,
    organizationId: string | null,
    object: string,
    data: Record<string, unknown>,
  ): void {
    // Without a configured endpoint there is nobody to tell.
    if (!this.ctx.seed.webhook) return;
    const id = randomId('evt');
    const body = JSON.stringify({
      spec_version: '1',
      id,
      type,
      occurred_at: this.ctx.now().toISOString(),
      environment_id: this.ctx.seed.environment.id,
      organization_id: organizationId,
      object,
      data,
    });
    const now = Date.now();
    prepared(
      this.db,
      'INSERT INTO auth_webhooks (id, type, body, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?)',
    ).run(id, type, body, now, now);
    this.queue.kick();
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  close(): Promise<void> {
    return this.queue.close();
  }

  private async deliver(row: WebhookRow, signal: AbortSignal): Promise<void> {
    const webhook = this.ctx.seed.webhook;
    if (!webhook) throw new Error('no webhook endpoint configured');
    // Signed at each attempt, so a late retry still falls inside the receiver's tolerance.
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(webhook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': row.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(webhook.secret, row.id, timestamp, row.body),
        'user-agent': 'scalekit-emulator',
      },
      body: row.body,
      signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]),
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`webhook endpoint answered ${response.status}`);
  }
}
