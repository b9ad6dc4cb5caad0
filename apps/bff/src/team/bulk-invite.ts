// Runs a bulk invitation: every prepared row ends as invited / already_member / rejected,
// reported as it completes, with at most `concurrency` rows talking to Scalekit at once. An
// interruption (shutdown, Scalekit known to be down) stops new rows from starting; rows in
// flight finish and are reported, and `finished` counts the rest as not attempted.
import {
  seatLimitReachedMessage,
  seatsLeft,
  type BulkInviteEvent,
  type BulkInviteInterruption,
  type BulkInviteOutcome,
  type Member,
  type SeatUsage,
} from '@app/contracts';
import { AppError } from '../errors/app-error.js';
import type { PreparedRow } from './bulk-csv.js';
import { alreadyMemberReason, inviteMember, type InviteResult } from './invite-member.js';
import { RateLimitGate } from './rate-limit-gate.js';
import { ScalekitCallError } from '../errors/scalekit-call-error.js';
import { seatLimitRefusal } from '../seats/seat-limit.js';
import {
  isInvalidArgument,
  isPermissionDenied,
  isRateLimited,
  upstreamReason,
} from './scalekit-errors.js';
import type { ScalekitGateway } from './scalekit-types.js';

export const BULK_INVITE_CONCURRENCY = 8;

export interface BulkInviteJob {
  gateway: ScalekitGateway;
  organizationId: string;
  inviterEmail: string;
  rows: PreparedRow[];
  /** Members among the file's addresses by lower-cased email, looked up once before the run. */
  existing: ReadonlyMap<string, Member>;
  /**
   * Seats used against the limit before the run: new rows past the last free seat are refused
   * without reaching Scalekit, in file order. Scalekit still checks each row itself.
   */
  seats?: SeatUsage;
  concurrency?: number;
  gate?: RateLimitGate;
  /** Checked before each row starts; once true no further row starts (rows in flight finish). */
  stopped?: () => boolean;
  /** Wraps each row's invitation, e.g. to record it in the audit log; runs it as is by default. */
  recordInvite?: (email: string, invite: () => Promise<InviteResult>) => Promise<InviteResult>;
  /** Checked before each row starts: a reason to stop taking rows, reported in `finished`. */
  interruption?: () => BulkInviteInterruption | null;
  /** Logs a row's unexpected failure (its reason to the client stays generic). */
  onRowError?: (error: unknown, line: number) => void;
  /** Told each member a row invited or found, as Scalekit answered it (e.g. to index it). */
  onMember?: (member: Member) => Promise<void>;
  /**
   * Set to hold back the new rows past the seat limit instead of refusing them (e.g. by filing
   * them in the approval inbox); nothing is sent for them.
   */
  holdBack?: (row: PreparedRow & { status: 'valid' }) => Promise<void>;
}

/** What a held-back row reports. */
export const HELD_BACK_REASON = 'Past the seat limit: sent to the approval inbox.';

export interface RowResult {
  outcome: BulkInviteOutcome;
  reason?: string;
  userId?: string;
}

/** A row whose address already belongs to the organization: skipped, never sent. */
export function alreadyMemberResult(member: Member): RowResult {
  return { outcome: 'already_member', reason: alreadyMemberReason(member), userId: member.userId };
}

/** A later row with the same address as line `firstLine`, which did the work (or failed). */
export function duplicateResult(firstLine: number, first: RowResult): RowResult {
  return first.outcome === 'rejected'
    ? { outcome: 'rejected', reason: `Duplicate of line ${firstLine}, which was rejected.` }
    : {
        outcome: 'already_member',
        reason: `Duplicate of line ${firstLine}.`,
        ...(first.userId === undefined ? {} : { userId: first.userId }),
      };
}

export interface BulkInviteSummary {
  total: number;
  invited: number;
  alreadyMember: number;
  rejected: number;
  queued: number;
  /** Rows never started because the run was stopped (client gone) or interrupted. */
  notStarted: number;
  interrupted: BulkInviteInterruption | null;
}

function failureReason(error: unknown): string {
  if (isRateLimited(error))
    return 'Scalekit kept rate-limiting this row; run the file again later.';
  if (error instanceof AppError && error.code === 'identity_unavailable') {
    return 'The identity service was unavailable; run the file again later.';
  }
  if (
    error instanceof ScalekitCallError &&
    (isInvalidArgument(error) || isPermissionDenied(error))
  ) {
    // Scalekit's own message (a refused address, or its pre-invitation check's reason) helps
    // the admin fix the row.
    return `Scalekit refused this row: ${upstreamReason(error)}`;
  }
  return 'Could not invite this row because of an internal error.';
}

/** Runs the job, calling `emit` with `started`, one `row` per row, then `finished`. */
export async function runBulkInvite(
  job: BulkInviteJob,
  emit: (event: BulkInviteEvent) => void,
): Promise<BulkInviteSummary> {
  const { gateway, organizationId, rows } = job;
  const gate = job.gate ?? new RateLimitGate();
  const total = rows.length;
  const counts = { invited: 0, alreadyMember: 0, rejected: 0, queued: 0 };
  /** First valid row of each email: later duplicates wait for its outcome. */
  const firstOccurrence = new Map<string, { line: number; result: Promise<RowResult> }>();
  let done = 0;
  let next = 0;
  /** Rows holding a seat: sent to Scalekit, or invited. */
  let seatsTaken = 0;
  const seats = job.seats;
  const seatsFree = seats === undefined ? Number.POSITIVE_INFINITY : seatsLeft(seats);
  /** Set by Scalekit's own refusal (someone took the last seat meanwhile): its reason. */
  let refusedByScalekit: string | undefined;
  const seatsFullReason = (): string =>
    refusedByScalekit ??
    seatLimitReachedMessage({
      limit: seats?.limit ?? null,
      used: (seats?.used ?? 0) + seatsTaken,
      pending: (seats?.pending ?? 0) + seatsTaken,
    });

  const report = (row: PreparedRow, result: RowResult) => {
    done += 1;
    if (result.outcome === 'invited') counts.invited += 1;
    else if (result.outcome === 'already_member') counts.alreadyMember += 1;
    else if (result.outcome === 'queued') counts.queued += 1;
    else counts.rejected += 1;
    emit({ type: 'row', line: row.line, email: row.email, ...result, done, total });
  };

  /** A new row with no seat left: held back when the job says so, else refused. */
  const overLimit = async (
    row: PreparedRow & { status: 'valid' },
    reason: string,
  ): Promise<RowResult> => {
    if (job.holdBack === undefined) return { outcome: 'rejected', reason };
    try {
      await job.holdBack(row);
      return { outcome: 'queued', reason: HELD_BACK_REASON };
    } catch (error) {
      job.onRowError?.(error, row.line);
      return { outcome: 'rejected', reason };
    }
  };

  const invite = async (row: PreparedRow & { status: 'valid' }): Promise<RowResult> => {
    const member = job.existing.get(row.email);
    if (member !== undefined) return alreadyMemberResult(member);
    if (refusedByScalekit !== undefined || seatsTaken >= seatsFree)
      return overLimit(row, seatsFullReason());
    seatsTaken += 1;
    try {
      const invite = () =>
        inviteMember(
          gateway,
          {
            organizationId,
            inviterEmail: job.inviterEmail,
            email: row.row.email,
            givenName: row.row.givenName,
            familyName: row.row.familyName,
            role: row.row.role,
            externalId: row.row.externalId,
            metadata: row.row.metadata,
          },
          (fn) => gate.run(fn),
        );
      const result = await (job.recordInvite?.(row.row.email, invite) ?? invite());
      await job.onMember?.(result.member);
      if (result.outcome === 'invited') return { outcome: 'invited', userId: result.member.userId };
      seatsTaken -= 1;
      return alreadyMemberResult(result.member);
    } catch (error) {
      seatsTaken -= 1;
      // Scalekit's own check (someone else took the last seat meanwhile): say so plainly.
      const refusal = seatLimitRefusal(error);
      if (refusal !== undefined) {
        refusedByScalekit ??= `All ${refusal.limit} seats are taken. Raise the limit or remove someone first.`;
        return overLimit(row, refusedByScalekit);
      }
      job.onRowError?.(error, row.line);
      return { outcome: 'rejected', reason: failureReason(error) };
    }
  };

  const process = async (row: PreparedRow): Promise<RowResult> => {
    if (row.status === 'rejected') return { outcome: 'rejected', reason: row.reason };
    const first = firstOccurrence.get(row.email);
    if (first === undefined) {
      const result = invite(row);
      firstOccurrence.set(row.email, { line: row.line, result });
      return result;
    }
    // The same email twice in one file: the first row does the work, later ones report on it.
    return duplicateResult(first.line, await first.result);
  };

  let interrupted: BulkInviteInterruption | null = null;
  const mayStartRow = (): boolean => {
    if (next >= rows.length || (job.stopped?.() ?? false)) return false;
    interrupted ??= job.interruption?.() ?? null;
    return interrupted === null;
  };

  const worker = async () => {
    while (mayStartRow()) {
      const row = rows[next];
      next += 1;
      if (row !== undefined) report(row, await process(row));
    }
  };

  emit({ type: 'started', total });
  const workers = Math.max(1, Math.min(job.concurrency ?? BULK_INVITE_CONCURRENCY, rows.length));
  await Promise.all(Array.from({ length: workers }, worker));
  const notAttempted = total - done;
  const reason = notAttempted > 0 ? interrupted : null;
  const { queued, ...others } = counts;
  // `queued` is said only when rows went to the inbox: other imports report as they always did.
  emit({
    type: 'finished',
    total,
    ...others,
    ...(queued > 0 ? { queued } : {}),
    notAttempted,
    interrupted: reason,
  });
  return { total, ...counts, notStarted: notAttempted, interrupted: reason };
}
