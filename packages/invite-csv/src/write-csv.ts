// Writes the CSV files the app produces (the failed-rows and not-attempted downloads now,
// exports later) so that opening one in a spreadsheet never runs a formula: a cell that starts
// like a formula gets a leading apostrophe, as OWASP's CSV-injection advice says.
import Papa from 'papaparse';

/**
 * Characters that make spreadsheets read a cell as a formula or shift it into another one:
 * `=`, `+`, `-`, `@`, tab, CR, LF, and their full-width forms (some spreadsheets fold them).
 */
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

/** The cell as written to a file: unchanged, or with a leading `'` when it starts like a formula. */
export function neutralizeCsvCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** CSV text of `rows` (header first), every cell neutralised, lines ended by CRLF. */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  return Papa.unparse(
    rows.map((row) => row.map(neutralizeCsvCell)),
    { newline: '\r\n' },
  );
}

/**
 * CSV text of `rows` with every line ended by CRLF, for files written piece by piece (a
 * streamed export concatenates these); empty cells may be null or undefined.
 */
export function writeCsvLines(rows: readonly (readonly (string | null | undefined)[])[]): string {
  if (rows.length === 0) return '';
  return `${writeCsv(rows.map((row) => row.map((cell) => cell ?? '')))}\r\n`;
}
