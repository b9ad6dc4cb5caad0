// A durable delivery queue over one table (auth_outbox, auth_webhooks): rows are written
// first, then delivered in the background and retried with exponential backoff until they
// succeed, so an outage loses nothing and delivery resumes after a restart.
import type Database from 'better-sqlite3';
import { prepared } from './statements.js';

export interface RetryQueueOptions<Row extends { id: string; attempts: number }> {
  db: Database.Database;
  table: 'auth_outbox' | 'auth_webhooks';
  baseDelayMs: number;
  /** Delivers one row; throwing schedules a retry. */
  deliver: (row: Row, signal: AbortSignal) => Promise<void>;
  /** Called after a failed attempt (logging only). */
  onFailure?: (row: Row, error: unknown) => void;
}

const BATCH = 20;
// Backoff doubles per attempt up to 64 times the base (about a minute with the default base).
const MAX_BACKOFF_STEPS = 6;

export class RetryQueue<Row extends { id: string; attempts: number }> {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private readonly abort = new AbortController();

  constructor(private readonly options: RetryQueueOptions<Row>) {}

  /** Starts (or restarts) delivery of whatever is due. */
  kick(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.clearTimer();
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.again && !this.closed) {
        this.again = false;
        this.kick();
      } else {
        this.scheduleNext();
      }
    });
  }

  /** Resolves once nothing is being delivered right now (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.clearTimer();
    this.abort.abort();
    await this.idle();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async drain(): Promise<void> {
    const { db, table } = this.options;
    for (;;) {
      if (this.closed) return;
      // Scheduling uses the wall clock: timers are real even when the emulator's clock is not.
      const due = prepared(
        db,
        `SELECT * FROM ${table} WHERE delivered_at IS NULL AND next_attempt_at <= ?
           ORDER BY created_at LIMIT ${BATCH}`,
      ).all(Date.now()) as Row[];
      if (due.length === 0) return;
      for (const row of due) {
        if (this.closed) return;
        await this.attempt(row);
      }
    }
  }

  private async attempt(row: Row): Promise<void> {
    const { db, table } = this.options;
    try {
      await this.options.deliver(row, this.abort.signal);
      prepared(
        db,
        `UPDATE ${table} SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?`,
      ).run(Date.now(), row.id);
    } catch (error) {
      const attempts = row.attempts + 1;
      const delay = Math.max(
        10,
        this.options.baseDelayMs * 2 ** Math.min(attempts - 1, MAX_BACKOFF_STEPS),
      );
      prepared(
        db,
        `UPDATE ${table} SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?`,
      ).run(attempts, Date.now() + delay, describe(error), row.id);
      this.options.onFailure?.(row, error);
    }
  }

  private scheduleNext(): void {
    if (this.closed) return;
    const next = prepared(
      this.options.db,
      `SELECT MIN(next_attempt_at) AS next FROM ${this.options.table} WHERE delivered_at IS NULL`,
    ).get() as { next: number | null };
    if (next.next === null) return;
    this.clearTimer();
    this.timer = setTimeout(() => this.kick(), Math.max(0, next.next - Date.now()));
    // Pending retries alone must not keep a process alive.
    this.timer.unref();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
