// Remembers webhook ids already handled so a replayed delivery is acknowledged but ignored.
// Ids only need to outlive the signature's 5-minute timestamp window: an older replay fails
// verification anyway, which is what keeps the memory bounded.
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

// A timestamp may be up to 5 minutes in the future and stays valid 5 minutes after it, so an id
// must be remembered 10 minutes; one more absorbs clock skew between instances.
export const REPLAY_WINDOW_SECONDS = 11 * 60;

export interface ReplayGuard {
  /** True the first time `id` is seen within the window (and records it), false for a replay. */
  firstSeen(id: string): Promise<boolean>;
  /** Forgets `id`, so that a sender's retry after a failed handling is processed again. */
  forget(id: string): Promise<void>;
}

export class MemoryReplayGuard implements ReplayGuard {
  private readonly seen: LRUCache<string, true>;

  constructor(maxEntries = 50_000) {
    this.seen = new LRUCache({ max: maxEntries, ttl: REPLAY_WINDOW_SECONDS * 1000 });
  }

  firstSeen(id: string): Promise<boolean> {
    if (this.seen.has(id)) return Promise.resolve(false);
    this.seen.set(id, true);
    return Promise.resolve(true);
  }

  forget(id: string): Promise<void> {
    this.seen.delete(id);
    return Promise.resolve();
  }
}

/** Shared by every instance: SET NX EX makes "first" atomic across them. */
export class RedisReplayGuard implements ReplayGuard {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'webhook-seen:',
  ) {}

  async firstSeen(id: string): Promise<boolean> {
    const result = await this.redis.set(this.prefix + id, '1', 'EX', REPLAY_WINDOW_SECONDS, 'NX');
    return result === 'OK';
  }

  async forget(id: string): Promise<void> {
    await this.redis.del(this.prefix + id);
  }
}
