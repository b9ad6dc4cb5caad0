// Reads a bulk-invitation CSV: header mapping through the contracts' aliases, 1-based line
// numbers (header included) for every data row, and per-row validation against the roles.
import Papa from 'papaparse';
import {
  BULK_INVITE_MAX_ROWS,
  BulkInviteRowSchema,
  CSV_COLUMN_ALIASES,
  normalizeCsvHeader,
  type BulkInviteRow,
} from '@app/contracts';
import { AppError } from '../errors/app-error.js';

type Field = 'email' | 'givenName' | 'familyName' | 'role';

/** A data row as read from the file, before validation. */
export interface CsvRow {
  /** Line of the row's first character, 1-based, header included. */
  line: number;
  cells: Partial<Record<Field, string>>;
  /** Set when the CSV itself is malformed on this row (e.g. an unterminated quote). */
  malformed?: string;
}

export type PreparedRow =
  | { line: number; email: string; status: 'valid'; row: BulkInviteRow & { role: string } }
  | { line: number; email: string; status: 'rejected'; reason: string };

function isBlank(cells: string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/**
 * Splits the CSV into rows. Refuses the whole file (nothing is sent) when it has no header
 * with an email column (422) or more than BULK_INVITE_MAX_ROWS data rows (413).
 */
export function readBulkCsv(text: string): CsvRow[] {
  // One newline convention, so line numbers and Papa's newline detection agree.
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let header: (Field | undefined)[] | undefined;
  const rows: CsvRow[] = [];
  let rowStart = 0;
  let line = 1;
  let tooMany = false;
  Papa.parse<string[]>(normalized, {
    newline: '\n',
    step: (result, parser) => {
      const rowLine = line;
      const end = result.meta.cursor;
      for (let index = rowStart; index < end; index += 1)
        if (normalized.charCodeAt(index) === 10) line += 1;
      rowStart = end;
      const cells = result.data;
      if (isBlank(cells)) return;
      if (header === undefined) {
        header = cells.map((cell) => CSV_COLUMN_ALIASES[normalizeCsvHeader(cell)]);
        return;
      }
      if (rows.length === BULK_INVITE_MAX_ROWS) {
        tooMany = true;
        parser.abort();
        return;
      }
      const mapped: Partial<Record<Field, string>> = {};
      header.forEach((field, index) => {
        const value = cells[index];
        // The first column mapped to a field wins; later duplicates are ignored.
        if (field !== undefined && value !== undefined && mapped[field] === undefined)
          mapped[field] = value;
      });
      const problem = result.errors.find((error) => error.type !== 'Delimiter');
      rows.push({
        line: rowLine,
        cells: mapped,
        ...(problem === undefined ? {} : { malformed: problem.message }),
      });
    },
  });
  if (tooMany) {
    throw new AppError(
      'payload_too_large',
      `A file may hold at most ${BULK_INVITE_MAX_ROWS} rows.`,
    );
  }
  if (header === undefined || !header.includes('email')) {
    throw new AppError(
      'validation_failed',
      'The first line must be a header with an "email" column.',
      {
        issues: [{ path: 'header', message: 'Missing the email column' }],
      },
    );
  }
  return rows;
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
  const blankToUndefined = (value: string | undefined) =>
    value === undefined || value.trim() === '' ? undefined : value;
  const parsed = BulkInviteRowSchema.safeParse({
    email: row.cells.email ?? '',
    givenName: blankToUndefined(row.cells.givenName),
    familyName: blankToUndefined(row.cells.familyName),
    role: blankToUndefined(row.cells.role),
  });
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
