// Writing CSV files that people open in spreadsheets (the audit log and access review exports).
// RFC 4180 quoting, and formula neutralisation: a cell that a spreadsheet would run as a formula
// (leading `=`, `+`, `-`, `@`, tab or carriage return) gets a `'` in front, so it shows as text.

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** The cell as a spreadsheet will show it as text rather than evaluate it. */
export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One cell: neutralised, then quoted when it holds a quote, comma, line break or edge space. */
export function csvCell(value: string | null | undefined): string {
  const text = neutralizeFormula(value ?? '');
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, ended with CRLF as RFC 4180 asks. */
export function csvLine(values: readonly (string | null | undefined)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
