// Builds the CSV files offered after an import, ready to fix and import again: the failed rows
// (the original header and cells of each rejected row plus a reason column) and, after an
// interrupted import, the rows never attempted (the original header and cells). Cells are
// written through the shared writer, which disarms spreadsheet formulas.
import type { BulkInviteEvent } from '@app/contracts';
import { writeCsv } from '@app/invite-csv';
import type { CsvPreview } from './csv-preview';

type RowEvent = Extract<BulkInviteEvent, { type: 'row' }>;

function padded(cells: readonly string[], width: number): string[] {
  const row = cells.slice(0, width);
  while (row.length < width) row.push('');
  return row;
}

export function failedRowsCsv(preview: CsvPreview, rejected: readonly RowEvent[]): string {
  const byLine = new Map(preview.rows.map((row) => [row.line, row]));
  const width = preview.header.length;
  const rows = rejected.map((event) => {
    // The line should match; fall back to the email if the BFF counted lines differently.
    const atLine = byLine.get(event.line);
    const source =
      atLine && atLine.email.toLowerCase() === event.email.toLowerCase()
        ? atLine
        : preview.rows.find((row) => row.email.toLowerCase() === event.email.toLowerCase());
    const cells = source
      ? source.cells
      : preview.header.map((_, index) => (index === preview.emailColumn ? event.email : ''));
    return [...padded(cells, width), event.reason ?? 'Rejected'];
  });
  return writeCsv([[...preview.header, 'reason'], ...rows]);
}

/** The rows of the file the BFF never reported, i.e. never attempted, as a file to import again. */
export function notAttemptedRowsCsv(preview: CsvPreview, reported: readonly RowEvent[]): string {
  const reportedLines = new Set(reported.map((event) => event.line));
  const rows = preview.rows
    .filter((row) => !reportedLines.has(row.line))
    .map((row) => padded(row.cells, preview.header.length));
  return writeCsv([preview.header, ...rows]);
}

/**
 * The name of a download made from the person's file: `failed-rows-people.csv`. The source
 * name is theirs, so only letters, digits, spaces and `._()-` are kept, and it stays short.
 */
export function downloadName(prefix: string, sourceName: string): string {
  const base = sourceName
    .replace(/\.csv$/i, '')
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .replace(/^[ .]+/, '')
    .slice(0, 80)
    .trim();
  return `${prefix}${base === '' ? '' : `-${base}`}.csv`;
}
