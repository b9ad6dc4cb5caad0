import { BULK_INVITE_MAX_ROWS } from '@app/contracts';
import { describe, expect, it } from 'vitest';
import { buildCsvPreview, type CsvPreview } from './csv-preview';
import { failedRowsCsv } from './failed-rows-csv';

function preview(text: string): CsvPreview {
  const result = buildCsvPreview(text);
  if (!result.ok) throw new Error(result.error);
  return result.preview;
}

describe('buildCsvPreview', () => {
  it('maps header aliases and marks good, bad and duplicate rows', () => {
    const result = preview(
      [
        'Email Address,First-Name,Surname,Role,Team',
        'ada@acme.test,Ada,Lovelace,admin,R&D',
        'not-an-email,Bob,,,',
        'ADA@acme.test,Ada,Again,,',
        'grace@acme.test,Grace,Hopper,Bad Role!,',
      ].join('\n'),
    );
    expect(result.rows.map((row) => [row.line, row.email, row.status])).toEqual([
      [2, 'ada@acme.test', 'ready'],
      [3, 'not-an-email', 'invalid'],
      [4, 'ADA@acme.test', 'duplicate'],
      [5, 'grace@acme.test', 'invalid'],
    ]);
    expect(result.rows[0]).toMatchObject({
      givenName: 'Ada',
      familyName: 'Lovelace',
      role: 'admin',
    });
    expect(result.rows[1]?.problem).toBe('Email: Enter a valid email address');
    expect(result.rows[2]?.problem).toBe('Same email as line 2');
    expect(result.rows[3]?.problem).toMatch(/^Role: /);
    expect([result.ready, result.invalid, result.duplicate]).toEqual([1, 2, 1]);
  });

  it('numbers rows by the line they start on, across blank lines, CRLF and quoted line breaks', () => {
    const result = preview(
      'email,first name\r\n\r\n"a@acme.test","Multi\nline"\r\n  \r\nb@acme.test,B\r\n',
    );
    expect(result.rows.map((row) => [row.line, row.email])).toEqual([
      [3, 'a@acme.test'],
      [6, 'b@acme.test'],
    ]);
  });

  it('ignores a byte-order mark before the header', () => {
    expect(preview('\uFEFFemail\na@acme.test').rows[0]?.email).toBe('a@acme.test');
  });

  it('refuses files without an email column, without rows, or above the row cap', () => {
    expect(buildCsvPreview('')).toEqual({ ok: false, error: 'The file is empty.' });
    expect(buildCsvPreview('name\nAda')).toMatchObject({ ok: false, error: /"email" column/ });
    expect(buildCsvPreview('email\n')).toMatchObject({ ok: false, error: /no people/ });
    const big = [
      'email',
      ...Array.from({ length: BULK_INVITE_MAX_ROWS + 1 }, (_, i) => `p${i}@a.test`),
    ];
    expect(buildCsvPreview(big.join('\n'))).toMatchObject({ ok: false, error: /at most 1,000/ });
  });
});

describe('failedRowsCsv', () => {
  it('gives back the rejected rows as written, formulas disarmed, with the reason, ready to fix and import again', () => {
    const source = preview('email,first name,note\nok@acme.test,Ok,x\nbad,"Bad, Person",=1+1\n');
    const csv = failedRowsCsv(source, [
      {
        type: 'row',
        line: 3,
        email: 'bad',
        outcome: 'rejected',
        reason: '=Not a valid email',
        done: 2,
        total: 2,
      },
    ]);
    expect(csv).toBe(
      'email,first name,note,reason\r\nbad,"Bad, Person",\'=1+1,\'=Not a valid email',
    );
  });

  it('finds the row by email when the line numbers disagree', () => {
    const source = preview('email\na@acme.test\nb@acme.test\n');
    const csv = failedRowsCsv(source, [
      {
        type: 'row',
        line: 9,
        email: 'b@acme.test',
        outcome: 'rejected',
        reason: 'No',
        done: 1,
        total: 2,
      },
    ]);
    expect(csv).toBe('email,reason\r\nb@acme.test,No');
  });
});
