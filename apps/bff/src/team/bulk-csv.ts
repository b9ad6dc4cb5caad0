// Reads a bulk-invitation CSV for sending: the shared reader's problems become AppErrors and
// each row is checked against the organization's roles.
import { BULK_INVITE_MAX_ROWS, type BulkInviteRow } from '@app/contracts';
import { readInviteCsv, validateInviteRow, type InviteCsvRow } from '@app/invite-csv';
import { AppError } from '../errors/app-error.js';

/** A data row as read from the file; `validation` is computed when absent. */
export type CsvRow = Pick<InviteCsvRow, 'line' | 'cells' | 'malformed'> &
  Partial<Pick<InviteCsvRow, 'validation' | 'metadata'>>;

export type PreparedRow =
  | { line: number; email: string; status: 'valid'; row: BulkInviteRow & { role: string } }
  | { line: number; email: string; status: 'rejected'; reason: string };

/**
 * Splits the CSV into rows. Refuses the whole file (nothing is sent) when it has more than
 * BULK_INVITE_MAX_ROWS data rows (413) or no header with an email column (422).
 */
export function readBulkCsv(text: string): InviteCsvRow[] {
  const result = readInviteCsv(text);
  if (result.rowCount > BULK_INVITE_MAX_ROWS) {
    throw new AppError(
      'payload_too_large',
      `A file may hold at most ${BULK_INVITE_MAX_ROWS} rows.`,
    );
  }
  if (!result.ok) {
    throw new AppError(
      'validation_failed',
      'The first line must be a header with an "email" column.',
      {
        issues: [{ path: 'header', message: 'Missing the email column' }],
      },
    );
  }
  return result.rows;
}

/** Validates one row; an empty role cell takes `defaultRole`. */
export function prepareRow(
  row: CsvRow,
  defaultRole: string,
  knownRoles: ReadonlySet<string>,
): PreparedRow {
  const email = (row.cells.email ?? '').trim();
  if (row.malformed !== undefined) {
    return {
      line: row.line,
      email,
      status: 'rejected',
      reason: `Malformed CSV row: ${row.malformed}.`,
    };
  }
  const parsed = row.validation ?? validateInviteRow(row.cells, row.metadata);
  if (!parsed.success) {
    const reason = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'row'}: ${issue.message}`)
      .join('; ');
    return { line: row.line, email, status: 'rejected', reason };
  }
  const role = parsed.data.role ?? defaultRole;
  if (!knownRoles.has(role)) {
    return {
      line: row.line,
      email: parsed.data.email,
      status: 'rejected',
      reason: `role: Unknown role "${role}".`,
    };
  }
  return {
    line: row.line,
    email: parsed.data.email,
    status: 'valid',
    row: { ...parsed.data, role },
  };
}
