// Parses invitation CSV text: header aliases from the contracts, the file line each data row
// starts on (header and blank lines counted), raw and mapped cells, and per-row validation.
import {
  BULK_INVITE_MAX_ROWS,
  BulkInviteRowSchema,
  CSV_COLUMN_ALIASES,
  CSV_METADATA_PREFIX,
  normalizeCsvHeader,
  type BulkInviteRow,
} from '@app/contracts';
import Papa from 'papaparse';

/** Fields held by one column each; metadata comes from any number of `metadata.<key>` columns. */
export type InviteCsvField = Exclude<keyof BulkInviteRow, 'metadata'>;

export type InviteRowValidation = ReturnType<typeof BulkInviteRowSchema.safeParse>;

/** A data row of the file. */
export interface InviteCsvRow {
  /** Line of the row's first character, 1-based, header included. */
  line: number;
  /** The row's cells as written, in file order. */
  raw: string[];
  /** Cells of the mapped columns, as written; the first column mapped to a field wins. */
  cells: Partial<Record<InviteCsvField, string>>;
  /** Non-blank cells of the `metadata.<key>` columns, by key. */
  metadata: Record<string, string>;
  /** Set when the CSV itself is malformed on this row (e.g. an unterminated quote). */
  malformed?: string;
  validation: InviteRowValidation;
}

export type InviteCsvResult =
  | {
      ok: true;
      /** Header cells as written. */
      header: string[];
      /** Index of the email column in `header`. */
      emailColumn: number;
      /** Data rows; read and validated up to `maxRows` only. */
      rows: InviteCsvRow[];
      /** Every data row of the file, for the cap check. */
      rowCount: number;
    }
  | { ok: false; problem: 'empty' | 'no_email_column'; rowCount: number };

/** Checks one row's mapped cells against BulkInviteRowSchema; blank cells count as absent. */
export function validateInviteRow(
  cells: Partial<Record<InviteCsvField, string>>,
  metadata: Record<string, string> = {},
): InviteRowValidation {
  const blankToUndefined = (value: string | undefined) =>
    value === undefined || value.trim() === '' ? undefined : value;
  return BulkInviteRowSchema.safeParse({
    email: cells.email ?? '',
    givenName: blankToUndefined(cells.givenName),
    familyName: blankToUndefined(cells.familyName),
    role: blankToUndefined(cells.role),
    externalId: blankToUndefined(cells.externalId),
    metadata: Object.keys(metadata).length === 0 ? undefined : metadata,
  });
}

/** The metadata key a header cell names (`metadata.department` -> `department`), if any. */
export function metadataKeyOf(header: string): string | undefined {
  const cell = header.trim();
  return cell.toLowerCase().startsWith(CSV_METADATA_PREFIX)
    ? cell.slice(CSV_METADATA_PREFIX.length)
    : undefined;
}

function isBlank(cells: string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/**
 * Reads the whole text. Rows past `maxRows` are only counted, so an oversized file costs no
 * validation work; callers refuse it by `rowCount`.
 */
export function readInviteCsv(
  text: string,
  { maxRows = BULK_INVITE_MAX_ROWS }: { maxRows?: number } = {},
): InviteCsvResult {
  // One newline convention, so line numbers and Papa's newline detection agree.
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let header: string[] | undefined;
  let fields: (InviteCsvField | undefined)[] = [];
  let metadataKeys: (string | undefined)[] = [];
  const rows: InviteCsvRow[] = [];
  let rowCount = 0;
  let rowStart = 0;
  let line = 1;
  Papa.parse<string[]>(normalized, {
    newline: '\n',
    step: (result) => {
      const rowLine = line;
      const end = result.meta.cursor;
      for (let index = rowStart; index < end; index += 1)
        if (normalized.charCodeAt(index) === 10) line += 1;
      rowStart = end;
      const raw = result.data;
      if (isBlank(raw)) return;
      if (header === undefined) {
        header = raw;
        metadataKeys = raw.map(metadataKeyOf);
        fields = raw.map((cell, index) =>
          metadataKeys[index] === undefined
            ? CSV_COLUMN_ALIASES[normalizeCsvHeader(cell)]
            : undefined,
        );
        return;
      }
      rowCount += 1;
      if (rowCount > maxRows || !fields.includes('email')) return;
      const cells: Partial<Record<InviteCsvField, string>> = {};
      fields.forEach((field, index) => {
        const value = raw[index];
        if (field !== undefined && value !== undefined && cells[field] === undefined)
          cells[field] = value;
      });
      const metadata: Record<string, string> = {};
      metadataKeys.forEach((key, index) => {
        const value = raw[index];
        if (key !== undefined && value !== undefined && value.trim() !== '') metadata[key] = value;
      });
      const problem = result.errors.find((error) => error.type !== 'Delimiter');
      rows.push({
        line: rowLine,
        raw,
        cells,
        metadata,
        ...(problem === undefined ? {} : { malformed: problem.message }),
        validation: validateInviteRow(cells, metadata),
      });
    },
  });
  if (header === undefined) return { ok: false, problem: 'empty', rowCount };
  const emailColumn = fields.indexOf('email');
  if (emailColumn === -1) return { ok: false, problem: 'no_email_column', rowCount };
  return { ok: true, header, emailColumn, rows, rowCount };
}
