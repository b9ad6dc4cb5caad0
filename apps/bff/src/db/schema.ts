// Row types of the BFF's own tables, as the migrations in ./migrations create them. Kysely checks
// every query against these; a migration that changes a table changes its type here.
import type { Generated } from 'kysely';

/** One recorded team change. Append-only: the app has no path that updates or deletes a row. */
export interface AuditEntryTable {
  /** Insertion order; SQLite answers a number, PostgreSQL's bigint a string. */
  id: Generated<number | string>;
  organization_id: string;
  /** ISO-8601 UTC with milliseconds (`toISOString()`), so text order is time order. */
  occurred_at: string;
  kind: string;
  source: string;
  actor_type: string;
  actor_user_id: string | null;
  actor_email: string | null;
  ip: string | null;
  target_user_id: string | null;
  target_email: string | null;
  /** JSON of the member's state before and after the change. */
  before_state: string | null;
  after_state: string | null;
  /** `webhook-id` of the Scalekit delivery the entry came from: a redelivery writes nothing. */
  event_id: string | null;
}

/**
 * A change the app is about to make at Scalekit, so that the webhook Scalekit sends about it is
 * recognised as the echo of an entry the app records itself. Short-lived; not part of the log.
 */
export interface AuditExpectedChangeTable {
  id: Generated<number | string>;
  organization_id: string;
  /** Lower-cased email of the member the change is about. */
  subject_email: string;
  change: string;
  expires_at: string;
}

export interface Database {
  audit_entries: AuditEntryTable;
  audit_expected_changes: AuditExpectedChangeTable;
}
