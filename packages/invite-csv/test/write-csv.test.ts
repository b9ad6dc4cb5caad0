// Writing CSV exports: what a spreadsheet would evaluate is neutralised, and every value reads
// back exactly (neutralised values with their `'`) through a standard CSV parser.
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, neutralizeFormula } from '../src/index.js';

const FORMULA_STARTS = ['=', '+', '-', '@', '\t', '\r'];
const runs = { seed: 20261130, numRuns: 500 };

function parseLine(line: string): string[] {
  const parsed = Papa.parse<string[]>(line, { delimiter: ',', newline: '\r\n' });
  return parsed.data[0] ?? [];
}

describe('neutralizeFormula', () => {
  it.each([
    ['=HYPERLINK("http://evil.test")', `'=HYPERLINK("http://evil.test")`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['ann@acme.test', 'ann@acme.test'],
    ['', ''],
  ])('turns %j into %j', (input, output) => {
    expect(neutralizeFormula(input)).toBe(output);
  });

  it('never leaves a cell that starts like a formula, and changes nothing else', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const safe = neutralizeFormula(value);
        expect(FORMULA_STARTS.some((start) => safe.startsWith(start))).toBe(false);
        expect(safe === value || safe === `'${value}`).toBe(true);
      }),
      runs,
    );
  });
});

describe('csvLine', () => {
  it('quotes commas, quotes and line breaks, and ends with CRLF', () => {
    expect(csvLine(['a,b', 'say "hi"', 'two\nlines', null, 'plain'])).toBe(
      '"a,b","say ""hi""","two\nlines",,plain\r\n',
    );
  });

  it('reads back, through a standard parser, as the neutralised values in order', () => {
    const cell = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc
        .constantFrom(...FORMULA_STARTS)
        .chain((start) => fc.string().map((rest) => `${start}${rest}`)),
    );
    fc.assert(
      fc.property(fc.array(cell, { minLength: 2, maxLength: 6 }), (values) => {
        const cells = parseLine(csvLine(values));
        expect(cells).toEqual(values.map(neutralizeFormula));
        for (const read of cells) {
          expect(FORMULA_STARTS.some((start) => read.startsWith(start))).toBe(false);
        }
      }),
      runs,
    );
  });

  it('leaves a cell of plain text as it is', () => {
    expect(csvCell('ann@acme.test')).toBe('ann@acme.test');
  });
});
