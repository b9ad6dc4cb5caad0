// Writing CSV files people open in spreadsheets: no cell may start like a formula, and every
// cell reads back as written (apart from the apostrophe that disarms a formula).
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { hostileText, PROPERTY_SETTINGS } from '@app/contracts/testing';
import { neutralizeCsvCell, writeCsv } from '../src/index.js';

const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

const cell = fc.oneof(
  hostileText(),
  fc
    .tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '＝'), fc.string())
    .map(([start, rest]) => `${start}${rest}`),
  fc.constantFrom('=HYPERLINK("http://evil.example","x")', '@SUM(A1)', '-2+3', '+1', 'a,=b'),
);

function readBack(text: string): string[][] {
  return Papa.parse<string[]>(text, { newline: '\r\n' }).data;
}

describe('writeCsv', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","click")', `'=HYPERLINK("http://evil.example","click")`],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['\tx', "'\tx"],
    ['Ada', 'Ada'],
    ['ada@example.com', 'ada@example.com'],
  ])('writes the cell %j as %j', (value, written) => {
    expect(neutralizeCsvCell(value)).toBe(written);
  });

  it('leaves no cell starting like a formula and keeps every cell’s text', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((width) =>
          fc.array(fc.array(cell, { minLength: width, maxLength: width }), {
            minLength: 1,
            maxLength: 6,
          }),
        ),
        (rows) => {
          // A row of one empty cell is a blank line, which CSV cannot tell from no row.
          fc.pre(rows.every((row) => row.join('') !== ''));
          const header = (rows[0] ?? []).map((_, column) => `column ${column + 1}`);
          const read = readBack(writeCsv([header, ...rows]));
          expect(read).toHaveLength(rows.length + 1);
          read.slice(1).forEach((row, index) => {
            row.forEach((value, column) => {
              const original = rows[index]?.[column] ?? '';
              expect(FORMULA_START.test(value)).toBe(false);
              expect(value).toBe(FORMULA_START.test(original) ? `'${original}` : original);
            });
          });
        },
      ),
      PROPERTY_SETTINGS,
    );
  });
});
