// Idempotency-Key records of requests made with API keys, in the app's database so that a retry
// reaching another instance replays the same answer. A record is claimed by the first request,
// completed with its answer, and replayed to every retry with the same request for 24 hours.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export interface IdempotencyClaim {
  apiKeyId: string;
  idempotencyKey: string;
  requestHash: string;
  now: Date;
  /** How long the first request may run before a retry may take its place (it crashed). */
  lockedUntil: Date;
  expiresAt: Date;
}

export type ClaimOutcome =
  | { status: 'claimed' }
  | { status: 'replay'; statusCode: number; body: string }
  | { status: 'in_flight'; retryAfterMs: number }
  | { status: 'mismatch' };

export interface IdempotencyStore {
  claim(claim: IdempotencyClaim): Promise<ClaimOutcome>;
  /** Keeps the first request's answer for its retries. */
  complete(
    apiKeyId: string,
    idempotencyKey: string,
    statusCode: number,
    body: string,
  ): Promise<void>;
  /** Forgets a claim whose request failed on our side (5xx): a retry runs it again. */
  release(apiKeyId: string, idempotencyKey: string): Promise<void>;
  /** Drops records past their 24 hours. */
  deleteExpired(now: Date): Promise<void>;
}

/** The one implementation, on Kysely: the same statements run on SQLite and PostgreSQL. */
export class SqlIdempotencyStore implements IdempotencyStore {
  constructor(private readonly db: Kysely<Database>) {}

  async claim(claim: IdempotencyClaim): Promise<ClaimOutcome> {
    const { apiKeyId, idempotencyKey, requestHash, now } = claim;
    const fresh = {
      request_hash: requestHash,
      status_code: null,
      response_body: null,
      created_at: now.toISOString(),
      locked_until: claim.lockedUntil.toISOString(),
      expires_at: claim.expiresAt.toISOString(),
    };
    const inserted = await this.db
      .insertInto('api_idempotency_records')
      .values({ api_key_id: apiKeyId, idempotency_key: idempotencyKey, ...fresh })
      .onConflict((conflict) => conflict.columns(['api_key_id', 'idempotency_key']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return { status: 'claimed' };

    const record = await this.db
      .selectFrom('api_idempotency_records')
      .selectAll()
      .where('api_key_id', '=', apiKeyId)
      .where('idempotency_key', '=', idempotencyKey)
      .executeTakeFirst();
    // Gone meanwhile (expired and swept): the next retry claims it afresh.
    if (record === undefined) return { status: 'in_flight', retryAfterMs: 1000 };
    const nowIso = now.toISOString();
    const expired = record.expires_at <= nowIso;
    const abandoned = record.status_code === null && record.locked_until <= nowIso;
    if (expired || abandoned) {
      // Conditional on the row as read, so that of two retries only one takes it over.
      const taken = await this.db
        .updateTable('api_idempotency_records')
        .set(fresh)
        .where('api_key_id', '=', apiKeyId)
        .where('idempotency_key', '=', idempotencyKey)
        .where('created_at', '=', record.created_at)
        .where('locked_until', '=', record.locked_until)
        .executeTakeFirst();
      return Number(taken.numUpdatedRows) > 0
        ? { status: 'claimed' }
        : { status: 'in_flight', retryAfterMs: 1000 };
    }
    if (record.request_hash !== requestHash) return { status: 'mismatch' };
    if (record.status_code === null || record.response_body === null) {
      return { status: 'in_flight', retryAfterMs: Date.parse(record.locked_until) - now.getTime() };
    }
    return { status: 'replay', statusCode: record.status_code, body: record.response_body };
  }

  async complete(
    apiKeyId: string,
    idempotencyKey: string,
    statusCode: number,
    body: string,
  ): Promise<void> {
    await this.db
      .updateTable('api_idempotency_records')
      .set({ status_code: statusCode, response_body: body })
      .where('api_key_id', '=', apiKeyId)
      .where('idempotency_key', '=', idempotencyKey)
      .execute();
  }

  async release(apiKeyId: string, idempotencyKey: string): Promise<void> {
    await this.db
      .deleteFrom('api_idempotency_records')
      .where('api_key_id', '=', apiKeyId)
      .where('idempotency_key', '=', idempotencyKey)
      .where('status_code', 'is', null)
      .execute();
  }

  async deleteExpired(now: Date): Promise<void> {
    await this.db
      .deleteFrom('api_idempotency_records')
      .where('expires_at', '<=', now.toISOString())
      .execute();
  }
}
