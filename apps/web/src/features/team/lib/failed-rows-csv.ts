// Builds the "failed rows" CSV after an import: the original header and cells of each
// rejected row plus a reason column, ready to fix and import again.
import type { BulkInviteEvent } from '@app/contracts';
import Papa from 'papaparse';
import type { CsvPreview } from './csv-preview';

type RowEvent = Extract<BulkInviteEvent, { type: 'row' }>;

/** Spreadsheets run cells that start with these as formulas; the reason column is ours. */
function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function failedRowsCsv(preview: CsvPreview, rejected: readonly RowEvent[]): string {
  const byLine = new Map(preview.rows.map((row) => [row.line, row]));
  const rows = rejected.map((event) => {
    // The line should match; fall back to the email if the BFF counted lines differently.
    const atLine = byLine.get(event.line);
    const source =
      atLine && atLine.email.toLowerCase() === event.email.toLowerCase()
        ? atLine
        : preview.rows.find((row) => row.email.toLowerCase() === event.email.toLowerCase());
    const cells = source
      ? [...source.cells]
      : preview.header.map((_, index) => (index === preview.emailColumn ? event.email : ''));
    while (cells.length < preview.header.length) cells.push('');
    return [
      ...cells.slice(0, preview.header.length),
      neutralizeFormula(event.reason ?? 'Rejected'),
    ];
  });
  return Papa.unparse([[...preview.header, 'reason'], ...rows], { newline: '\r\n' });
}
