// Serializes, per organization, the changes that the last-admin rule guards (role change,
// removal), so two admins demoting each other at once cannot both pass the check. In one
// process a promise chain does it; across instances RedisOrganizationLock adds a lock in Redis,
// or, without Redis, PostgresOrganizationLock a transaction-scoped advisory lock.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
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

function busy(): AppError {
  return new AppError('rate_limited', 'Another change to this team is in progress. Try again.', {
    retryAfterSeconds: 1,
  });
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
        throw busy();
      }
      await new Promise((resolve) => setTimeout(resolve, this.timings.retryMs));
    }
  }
}

/** PostgreSQL's answer when `lock_timeout` passes before the lock is granted. */
const LOCK_NOT_AVAILABLE = '55P03';

function isLockTimeout(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    error.code === LOCK_NOT_AVAILABLE
  );
}

/**
 * One holder per organization across every instance sharing the PostgreSQL database:
 * `pg_advisory_xact_lock` on a hash of the organization id, held by a transaction open for the
 * change and released by its end (also when the instance dies, with its connection). Within an
 * instance the process lock queues callers first, so one connection per organization waits.
 */
export class PostgresOrganizationLock implements OrganizationLock {
  private readonly local = new ProcessOrganizationLock();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly waitMs: number = DEFAULT_TIMINGS.waitMs,
  ) {}

  run<T>(organizationId: string, fn: () => Promise<T>): Promise<T> {
    return this.local.run(organizationId, () =>
      this.db
        .transaction()
        .execute(async (trx) => {
          // SET LOCAL takes no bind parameters; waitMs is a number from our own code.
          await sql`SET LOCAL lock_timeout = ${sql.lit(`${Math.round(this.waitMs)}ms`)}`.execute(
            trx,
          );
          await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`bff:team-lock:${organizationId}`}, 0))`.execute(
            trx,
          );
          return fn();
        })
        .catch((error: unknown) => {
          throw isLockTimeout(error) ? busy() : error;
        }),
    );
  }
}
