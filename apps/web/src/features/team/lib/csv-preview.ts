// Previews a CSV of invitations as the BFF will read it (shared reader: header aliases, row
// schema, caps) and marks duplicates, so people see every problem before anything is sent;
// then takes the BFF's dry-run verdict (roles, existing members) as the last word on each row.
import { BULK_INVITE_MAX_ROWS, type BulkInvitePreviewResponse } from '@app/contracts';
import { describeRowProblems, readInviteCsv } from '@app/invite-csv';

/** `member`: the address already belongs to the organization (known from the BFF's verdict). */
export type CsvRowStatus = 'ready' | 'invalid' | 'duplicate' | 'member';

export interface CsvPreviewRow {
  /** 1-based line in the file where the row starts (the header is line 1). */
  line: number;
  /** The row's cells as written, for the failed-rows download. */
  cells: string[];
  email: string;
  givenName: string;
  familyName: string;
  role: string;
  status: CsvRowStatus;
  problem: string | undefined;
}

export interface CsvPreview {
  header: string[];
  /** Index of the email column in `header`. */
  emailColumn: number;
  rows: CsvPreviewRow[];
  ready: number;
  invalid: number;
  duplicate: number;
  member: number;
}

export type CsvPreviewResult = { ok: true; preview: CsvPreview } | { ok: false; error: string };

export function buildCsvPreview(input: string): CsvPreviewResult {
  const read = readInviteCsv(input);
  if (!read.ok && read.problem === 'empty') return { ok: false, error: 'The file is empty.' };
  if (!read.ok) {
    return {
      ok: false,
      error: 'The first line must be a header row with an "email" column.',
    };
  }
  if (read.rowCount === 0) return { ok: false, error: 'The file has a header row but no people.' };
  if (read.rowCount > BULK_INVITE_MAX_ROWS) {
    return {
      ok: false,
      error: `The file has ${read.rowCount.toLocaleString()} rows; one import takes at most ${BULK_INVITE_MAX_ROWS.toLocaleString()}. Split it into smaller files.`,
    };
  }

  const firstLineOf = new Map<string, number>();
  const counts = { ready: 0, invalid: 0, duplicate: 0, member: 0 };

  const rows = read.rows.map((record): CsvPreviewRow => {
    const values = {
      email: (record.cells.email ?? '').trim(),
      givenName: (record.cells.givenName ?? '').trim(),
      familyName: (record.cells.familyName ?? '').trim(),
      role: (record.cells.role ?? '').trim(),
    };
    const parsed = record.validation;
    let status: CsvRowStatus = 'ready';
    let problem: string | undefined;
    if (!parsed.success) {
      status = 'invalid';
      problem = describeRowProblems(parsed.error.issues);
    } else {
      const earlier = firstLineOf.get(parsed.data.email);
      if (earlier === undefined) firstLineOf.set(parsed.data.email, record.line);
      else {
        status = 'duplicate';
        problem = `Same email as line ${earlier}`;
      }
    }
    counts[status] += 1;
    return { line: record.line, cells: record.raw, ...values, status, problem };
  });

  return {
    ok: true,
    preview: { header: read.header, emailColumn: read.emailColumn, rows, ...counts },
  };
}

/**
 * The preview with each row's status taken from the BFF's dry-run, which runs the import's own
 * rules: a row is `ready` only if the import would invite it. Duplicates keep the file's
 * wording ("Same email as line 2"); other refusals and skips carry the BFF's reason.
 */
export function withVerdicts(preview: CsvPreview, verdicts: BulkInvitePreviewResponse): CsvPreview {
  const byLine = new Map(verdicts.rows.map((row) => [row.line, row]));
  const counts = { ready: 0, invalid: 0, duplicate: 0, member: 0 };
  const rows = preview.rows.map((row): CsvPreviewRow => {
    const verdict = byLine.get(row.line);
    let next = row;
    if (verdict?.outcome === 'invited') next = { ...row, status: 'ready', problem: undefined };
    else if (verdict?.outcome === 'rejected' && row.status !== 'invalid')
      next = { ...row, status: 'invalid', problem: verdict.reason };
    else if (verdict?.outcome === 'already_member' && row.status !== 'duplicate')
      next = { ...row, status: 'member', problem: verdict.reason };
    counts[next.status] += 1;
    return next;
  });
  return { ...preview, rows, ...counts };
}
