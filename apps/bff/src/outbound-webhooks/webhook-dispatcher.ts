// The delivery loop each BFF instance runs: turn new audit entries into deliveries, then claim
// the deliveries that are due, send them, and record each attempt, retrying failures with
// exponential backoff until they succeed or run out of attempts.
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { AuditStore } from '../audit/audit-store.js';
import { eventOfAuditEntry } from './outbound-events.js';
import { sendEvent, type SendOutcome } from './webhook-sender.js';
import type { ClaimedDelivery, WebhookStore } from './webhook-store.js';

export interface DispatchSettings {
  /** How often an idle instance looks for work. */
  pollMs: number;
  /** The first retry waits this long; each later one twice the one before (capped). */
  retryBaseMs: number;
  retryMaxDelayMs: number;
  /** Attempts in all before a delivery is marked failed. */
  maxAttempts: number;
  timeoutMs: number;
  allowPrivateTargets: boolean;
}

/** Endpoints, audit entries and deliveries handled per step, so one step stays short. */
const BATCH = 20;

/** When to try again after `attempts` failed attempts; null once they are used up. */
export function nextRetryAt(
  now: Date,
  attempts: number,
  settings: Pick<DispatchSettings, 'retryBaseMs' | 'retryMaxDelayMs' | 'maxAttempts'>,
): Date | null {
  if (attempts >= settings.maxAttempts) return null;
  const delay = Math.min(settings.retryBaseMs * 2 ** (attempts - 1), settings.retryMaxDelayMs);
  return new Date(now.getTime() + delay);
}

export class WebhookDispatcher {
  readonly #claimant = `bff-${randomUUID()}`;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = true;

  constructor(
    private readonly store: WebhookStore,
    private readonly audit: AuditStore,
    private readonly settings: DispatchSettings,
    private readonly log: FastifyBaseLogger,
  ) {}

  start(): void {
    this.#stopped = false;
    this.#schedule(0);
  }

  /** Looks for work now rather than at the next poll (after a test event is queued). */
  kick(): void {
    if (!this.#stopped && this.#running === undefined) this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#running = this.#step()
        .catch((error: unknown) => {
          this.log.error({ err: error }, 'outbound webhook step failed');
          return false;
        })
        .then((busy) => {
          this.#running = undefined;
          if (!this.#stopped) this.#schedule(busy ? 0 : this.settings.pollMs);
        });
    }, delayMs);
    this.#timer.unref();
  }

  /** One round of work; true when there may be more right away. */
  async #step(): Promise<boolean> {
    const announced = await this.announceNewEntries();
    const sent = await this.sendDue();
    return announced || sent === BATCH;
  }

  /** Queues a delivery for each audit entry not yet announced; true when any were found. */
  async announceNewEntries(): Promise<boolean> {
    const endpoints = await this.store.endpointsBehind(BATCH);
    for (const endpoint of endpoints) {
      const entries = await this.audit.listAfter(
        endpoint.organizationId,
        endpoint.lastAuditId,
        BATCH,
      );
      const last = entries.at(-1);
      if (last === undefined) continue;
      const now = new Date();
      await this.store.advance(
        endpoint.organizationId,
        endpoint.lastAuditId,
        Number(last.id),
        entries.map((entry) => {
          const event = eventOfAuditEntry(endpoint.organizationId, entry);
          return {
            organizationId: endpoint.organizationId,
            eventId: event.id,
            eventType: event.type,
            payload: JSON.stringify(event),
            createdAt: now,
          };
        }),
      );
    }
    return endpoints.length > 0;
  }

  /** Sends the deliveries that are due; answers how many it took. */
  async sendDue(): Promise<number> {
    const now = new Date();
    // The claim outlasts one attempt, so a live sender is never overtaken by another instance.
    const leaseUntil = new Date(now.getTime() + this.settings.timeoutMs + 30_000);
    const claimed = await this.store.claimDue(now, leaseUntil, this.#claimant, BATCH);
    await Promise.all(claimed.map((delivery) => this.#attempt(delivery)));
    return claimed.length;
  }

  async #attempt(delivery: ClaimedDelivery): Promise<void> {
    const endpoint = await this.store.getEndpoint(delivery.organizationId);
    const outcome: SendOutcome =
      endpoint === undefined
        ? { ok: false, status: null, error: 'No endpoint is registered' }
        : await sendEvent(
            {
              url: endpoint.url,
              secret: endpoint.secret,
              eventId: delivery.eventId,
              payload: delivery.payload,
            },
            {
              allowPrivateTargets: this.settings.allowPrivateTargets,
              timeoutMs: this.settings.timeoutMs,
            },
          );
    const at = new Date();
    const recorded = await this.store.finish(
      delivery.id,
      this.#claimant,
      outcome.ok
        ? { delivered: true, responseStatus: outcome.status, at }
        : {
            delivered: false,
            responseStatus: outcome.status,
            error: outcome.error,
            retryAt:
              endpoint === undefined ? null : nextRetryAt(at, delivery.attempts + 1, this.settings),
          },
    );
    if (!recorded) {
      this.log.warn(
        { deliveryId: delivery.id },
        'outbound webhook claim lost before its attempt was recorded',
      );
    }
  }
}
