// Honours Scalekit's 429s for a batch of calls: the first 429 pauses every caller sharing the
// gate until the delay Scalekit asked for (or an exponential backoff) has passed, then the
// refused call is retried. Sharing one gate keeps a whole bulk import from hammering a limit.
import { setTimeout as sleep } from 'node:timers/promises';
import { isRateLimited, retryAfterMs } from './scalekit-errors.js';

export interface RateLimitGateOptions {
  /** Backoff of the first retry when Scalekit gives no delay; doubles per retry. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Attempts per call, the first included. */
  maxAttempts?: number;
}

export class RateLimitGate {
  private resumeAt = 0;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxAttempts: number;
  /** How many 429s this gate absorbed (reported in logs and benches). */
  rateLimitedCount = 0;

  constructor(options: RateLimitGateOptions = {}) {
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.maxAttempts = options.maxAttempts ?? 6;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      await this.waitForTurn();
      try {
        return await fn();
      } catch (error) {
        if (!isRateLimited(error) || attempt >= this.maxAttempts) throw error;
        this.rateLimitedCount += 1;
        const backoff = Math.min(this.baseDelayMs * 2 ** (attempt - 1), this.maxDelayMs);
        // Jitter spreads the retries of concurrent callers over the second half of the window.
        const delay = retryAfterMs(error) ?? backoff * (0.5 + Math.random() * 0.5);
        this.resumeAt = Math.max(this.resumeAt, Date.now() + Math.min(delay, this.maxDelayMs));
      }
    }
  }

  private async waitForTurn(): Promise<void> {
    for (let wait = this.resumeAt - Date.now(); wait > 0; wait = this.resumeAt - Date.now()) {
      await sleep(wait);
    }
  }
}
