// Reads a CSV of invitations the way the BFF will (header aliases, row schema, caps) so people
// see every problem before anything is sent. Line numbers are the file's own lines.
import {
  BULK_INVITE_MAX_ROWS,
  BulkInviteRowSchema,
  CSV_COLUMN_ALIASES,
  normalizeCsvHeader,
  type BulkInviteRow,
} from '@app/contracts';
import Papa from 'papaparse';

type CsvField = keyof BulkInviteRow;

export type CsvRowStatus = 'ready' | 'invalid' | 'duplicate';

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
}

export type CsvPreviewResult = { ok: true; preview: CsvPreview } | { ok: false; error: string };

interface RawRecord {
  line: number;
  cells: string[];
}

/** Splits the text into records, remembering the line each starts on. */
function readRecords(text: string): RawRecord[] {
  const records: RawRecord[] = [];
  let scanned = 0;
  let line = 1;
  Papa.parse<string[]>(text, {
    skipEmptyLines: 'greedy',
    step: (result) => {
      // Skip the line break (and any blank lines) between the previous record and this one.
      while (scanned < text.length && /\s/.test(text.charAt(scanned))) {
        if (text.charAt(scanned) === '\n') line += 1;
        scanned += 1;
      }
      records.push({ line, cells: result.data });
      const end = result.meta.cursor;
      for (; scanned < end; scanned += 1) if (text.charAt(scanned) === '\n') line += 1;
    },
  });
  return records;
}

function columnMap(header: string[]): Map<CsvField, number> {
  const map = new Map<CsvField, number>();
  header.forEach((cell, index) => {
    const field = CSV_COLUMN_ALIASES[normalizeCsvHeader(cell)];
    if (field && !map.has(field)) map.set(field, index);
  });
  return map;
}

export function buildCsvPreview(input: string): CsvPreviewResult {
  const text = input.replace(/^\uFEFF/, '');
  const [headerRecord, ...dataRecords] = readRecords(text);
  if (!headerRecord) return { ok: false, error: 'The file is empty.' };
  const columns = columnMap(headerRecord.cells);
  const emailColumn = columns.get('email');
  if (emailColumn === undefined) {
    return {
      ok: false,
      error: 'The first line must be a header row with an "email" column.',
    };
  }
  if (dataRecords.length === 0)
    return { ok: false, error: 'The file has a header row but no people.' };
  if (dataRecords.length > BULK_INVITE_MAX_ROWS) {
    return {
      ok: false,
      error: `The file has ${dataRecords.length.toLocaleString()} rows; one import takes at most ${BULK_INVITE_MAX_ROWS.toLocaleString()}. Split it into smaller files.`,
    };
  }

  const cell = (record: RawRecord, field: CsvField) => {
    const index = columns.get(field);
    return index === undefined ? '' : (record.cells[index] ?? '').trim();
  };
  const firstLineOf = new Map<string, number>();
  const counts = { ready: 0, invalid: 0, duplicate: 0 };

  const rows = dataRecords.map((record): CsvPreviewRow => {
    const values = {
      email: cell(record, 'email'),
      givenName: cell(record, 'givenName'),
      familyName: cell(record, 'familyName'),
      role: cell(record, 'role'),
    };
    const parsed = BulkInviteRowSchema.safeParse({
      email: values.email,
      givenName: values.givenName || undefined,
      familyName: values.familyName || undefined,
      role: values.role || undefined,
    });
    let status: CsvRowStatus = 'ready';
    let problem: string | undefined;
    if (!parsed.success) {
      status = 'invalid';
      problem = parsed.error.issues
        .map((issue) => `${fieldLabel(issue.path[0])}: ${issue.message}`)
        .join('; ');
    } else {
      const earlier = firstLineOf.get(parsed.data.email);
      if (earlier === undefined) firstLineOf.set(parsed.data.email, record.line);
      else {
        status = 'duplicate';
        problem = `Same email as line ${earlier}`;
      }
    }
    counts[status] += 1;
    return { line: record.line, cells: record.cells, ...values, status, problem };
  });

  return { ok: true, preview: { header: headerRecord.cells, emailColumn, rows, ...counts } };
}

function fieldLabel(key: PropertyKey | undefined): string {
  switch (key) {
    case 'email':
      return 'Email';
    case 'givenName':
      return 'First name';
    case 'familyName':
      return 'Last name';
    case 'role':
      return 'Role';
    default:
      return 'Row';
  }
}
