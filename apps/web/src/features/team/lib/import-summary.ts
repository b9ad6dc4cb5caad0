// The one wording of an import's counts, for the progress line, the dialog's summary and the
// Team page's notice. The BFF reports people already in the organization and rows repeating an
// earlier row alike as `already_member`; neither is invited again, so both read "skipped".
import type { BulkInviteEvent, BulkInviteInterruption, BulkInviteOutcome } from '@app/contracts';

type RowEvent = Extract<BulkInviteEvent, { type: 'row' }>;
type Finished = Extract<BulkInviteEvent, { type: 'finished' }>;

export interface ImportCounts {
  invited: number;
  skipped: number;
  rejected: number;
}

export function countOutcomes(rows: readonly RowEvent[]): ImportCounts {
  const count = (outcome: BulkInviteOutcome) =>
    rows.filter((row) => row.outcome === outcome).length;
  return {
    invited: count('invited'),
    skipped: count('already_member'),
    rejected: count('rejected'),
  };
}

export function countsOfFinished(finished: Finished) {
  return {
    invited: finished.invited,
    skipped: finished.alreadyMember,
    rejected: finished.rejected,
  };
}

/** "45 invited · 2 skipped (already a member or duplicate) · 3 rejected"; `brief` drops the why. */
export function importSummary(counts: ImportCounts, { brief = false } = {}): string {
  const skipped =
    brief || counts.skipped === 0
      ? `${counts.skipped} skipped`
      : `${counts.skipped} skipped (already a member or duplicate)`;
  return `${counts.invited} invited · ${skipped} · ${counts.rejected} rejected`;
}

/** Problem rows first (rejected, then skipped), each group in file order. */
export function reportOrder(rows: readonly RowEvent[]): RowEvent[] {
  const rank: Record<BulkInviteOutcome, number> = {
    rejected: 0,
    queued: 1,
    already_member: 2,
    invited: 3,
  };
  return [...rows].sort((a, b) => rank[a.outcome] - rank[b.outcome] || a.line - b.line);
}

const INTERRUPTION_CAUSES: Record<BulkInviteInterruption, string> = {
  server_shutdown: 'The server restarted during the import',
  identity_unavailable: 'The identity service became unavailable during the import',
};

/**
 * "The server restarted during the import: 12 rows were not attempted."; undefined when the
 * import ran to its last row.
 */
export function interruptionSentence(finished: Finished): string | undefined {
  if (finished.interrupted === null) return undefined;
  const rows = finished.notAttempted === 1 ? '1 row was' : `${finished.notAttempted} rows were`;
  return `${INTERRUPTION_CAUSES[finished.interrupted]}: ${rows} not attempted.`;
}

/** The Team page's notice once an import ended. */
export function importNotice(finished: Finished): string {
  const summary = importSummary(countsOfFinished(finished));
  const interruption = interruptionSentence(finished);
  return interruption === undefined
    ? `Import finished: ${summary}.`
    : `Import interrupted: ${summary}. ${interruption}`;
}
