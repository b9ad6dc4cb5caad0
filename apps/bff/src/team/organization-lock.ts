// Serializes, per organization, the changes that the last-admin rule guards (role change,
// removal), so two admins demoting each other at once cannot both pass the check. In one
// process a promise chain does it; across instances RedisOrganizationLock adds a lock in Redis.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppError } from '../errors/app-error.js';

export interface OrganizationLock {
  run<T>(organizationId: string, fn: () => Promise<T>): Promise<T>;
}

export class ProcessOrganizationLock implements OrganizationLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(organizationId: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(organizationId) ?? Promise.resolve();
    const current = previous.then(fn, fn);
    const tail = current.catch(() => undefined);
    this.tails.set(organizationId, tail);
    try {
      return await current;
    } finally {
      if (this.tails.get(organizationId) === tail) this.tails.delete(organizationId);
    }
  }
}

/** Deletes the key only while it still holds our token (a lock that expired is not ours). */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export interface RedisLockTimings {
  /** Longest a holder keeps the lock if it dies; longer than a change's Scalekit calls take. */
  leaseMs: number;
  /** Longest a change waits for the lock before answering 429. */
  waitMs: number;
  /** Pause between attempts. */
  retryMs: number;
}

const DEFAULT_TIMINGS: RedisLockTimings = { leaseMs: 30_000, waitMs: 10_000, retryMs: 20 };

/**
 * One holder per organization across every instance sharing the Redis: `SET NX PX` with a
 * random token, released by compare-and-delete. Within an instance the process lock queues
 * callers first, so only one of them polls Redis.
 */
export class RedisOrganizationLock implements OrganizationLock {
  private readonly local = new ProcessOrganizationLock();

  constructor(
    private readonly redis: Redis,
    private readonly timings: RedisLockTimings = DEFAULT_TIMINGS,
  ) {}

  run<T>(organizationId: string, fn: () => Promise<T>): Promise<T> {
    return this.local.run(organizationId, async () => {
      const key = `bff:team-lock:${organizationId}`;
      const token = randomUUID();
      await this.acquire(key, token);
      try {
        return await fn();
      } finally {
        await this.redis.eval(RELEASE, 1, key, token).catch(() => undefined);
      }
    });
  }

  private async acquire(key: string, token: string): Promise<void> {
    const deadline = Date.now() + this.timings.waitMs;
    for (;;) {
      const set = await this.redis.set(key, token, 'PX', this.timings.leaseMs, 'NX');
      if (set === 'OK') return;
      if (Date.now() >= deadline) {
        throw new AppError(
          'rate_limited',
          'Another change to this team is in progress. Try again.',
          {
            retryAfterSeconds: 1,
          },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, this.timings.retryMs));
    }
  }
}
