// Per-organization fan-out of live team events to the SSE subscribers of this instance; with
// Redis, events travel through one pub/sub channel so every instance's subscribers get them.
import type { Redis } from 'ioredis';
import { TeamEventSchema, type TeamEvent } from '@app/contracts';

export type TeamEventListener = (event: TeamEvent) => void;

/** Most live subscribers per organization on one instance (each is an open SSE response). */
export const MAX_SUBSCRIBERS_PER_ORGANIZATION = 1000;

export interface TeamEventHub {
  /** Returns the unsubscribe function, or undefined when the organization is at its cap. */
  subscribe(organizationId: string, listener: TeamEventListener): (() => void) | undefined;
  publish(organizationId: string, event: TeamEvent): Promise<void>;
  subscriberCount(organizationId: string): number;
  /** Resolves once events published anywhere reach this instance's subscribers. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** The in-process hub: enough for one instance. */
export class LocalTeamEventHub implements TeamEventHub {
  private readonly listeners = new Map<string, Set<TeamEventListener>>();

  subscribe(organizationId: string, listener: TeamEventListener): (() => void) | undefined {
    let set = this.listeners.get(organizationId);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(organizationId, set);
    }
    if (set.size >= MAX_SUBSCRIBERS_PER_ORGANIZATION) return undefined;
    set.add(listener);
    const own = set;
    return () => {
      own.delete(listener);
      if (own.size === 0 && this.listeners.get(organizationId) === own)
        this.listeners.delete(organizationId);
    };
  }

  publish(organizationId: string, event: TeamEvent): Promise<void> {
    this.dispatch(organizationId, event);
    return Promise.resolve();
  }

  /** Delivers to this instance's listeners; one failing listener does not stop the others. */
  dispatch(organizationId: string, event: TeamEvent): void {
    for (const listener of [...(this.listeners.get(organizationId) ?? [])]) {
      try {
        listener(event);
      } catch {
        // A listener whose connection broke is removed by its own close handler.
      }
    }
  }

  subscriberCount(organizationId: string): number {
    return this.listeners.get(organizationId)?.size ?? 0;
  }

  ready(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.listeners.clear();
    return Promise.resolve();
  }
}

export const TEAM_EVENTS_CHANNEL = 'team-events';

/**
 * Several instances behind a load balancer: the webhook reaches one of them, the SSE
 * subscribers sit on all of them. `publish` goes to Redis only; every instance (the publisher
 * included) receives it on its subscriber connection and dispatches locally, so each
 * subscriber gets the event exactly once.
 */
export class RedisTeamEventHub implements TeamEventHub {
  private readonly local = new LocalTeamEventHub();
  private readonly subscribed: Promise<unknown>;

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly onBadMessage: (error: unknown) => void = () => undefined,
  ) {
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === TEAM_EVENTS_CHANNEL) this.receive(message);
    });
    this.subscribed = this.subscriber.subscribe(TEAM_EVENTS_CHANNEL);
    // A failed SUBSCRIBE is retried by ioredis on reconnect; ready() reports it meanwhile.
    this.subscribed.catch(() => undefined);
  }

  private receive(message: string): void {
    try {
      const parsed = JSON.parse(message) as { organizationId?: unknown; event?: unknown };
      if (typeof parsed.organizationId !== 'string') throw new Error('missing organizationId');
      this.local.dispatch(parsed.organizationId, TeamEventSchema.parse(parsed.event));
    } catch (error) {
      this.onBadMessage(error);
    }
  }

  async ready(): Promise<void> {
    await this.subscribed;
  }

  subscribe(organizationId: string, listener: TeamEventListener): (() => void) | undefined {
    return this.local.subscribe(organizationId, listener);
  }

  async publish(organizationId: string, event: TeamEvent): Promise<void> {
    await this.publisher.publish(TEAM_EVENTS_CHANNEL, JSON.stringify({ organizationId, event }));
  }

  subscriberCount(organizationId: string): number {
    return this.local.subscriberCount(organizationId);
  }

  async close(): Promise<void> {
    await this.local.close();
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }
}

/**
 * A hub made on first use, so that whoever learns the configuration (REDIS_URL) may set it
 * after the hub was handed out but before the app serves requests.
 */
export class DeferredTeamEventHub implements TeamEventHub {
  private hub: TeamEventHub | undefined;
  redisUrl: string | undefined;

  constructor(private readonly create: (redisUrl: string | undefined) => TeamEventHub) {}

  private get inner(): TeamEventHub {
    this.hub ??= this.create(this.redisUrl);
    return this.hub;
  }

  subscribe(organizationId: string, listener: TeamEventListener): (() => void) | undefined {
    return this.inner.subscribe(organizationId, listener);
  }

  publish(organizationId: string, event: TeamEvent): Promise<void> {
    return this.inner.publish(organizationId, event);
  }

  subscriberCount(organizationId: string): number {
    return this.hub?.subscriberCount(organizationId) ?? 0;
  }

  ready(): Promise<void> {
    return this.inner.ready();
  }

  async close(): Promise<void> {
    await this.hub?.close();
  }
}
