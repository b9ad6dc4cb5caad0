// Reading invitation CSV files: header aliases, file line numbers, raw cells, validation, caps.
import { BULK_INVITE_MAX_ROWS } from '@app/contracts';
import { describe, expect, it } from 'vitest';
import { readInviteCsv, validateInviteRow, type InviteCsvResult } from '../src/index.js';

function read(text: string, options?: { maxRows?: number }) {
  const result: InviteCsvResult = readInviteCsv(text, options);
  if (!result.ok) throw new Error(result.problem);
  return result;
}

describe('readInviteCsv', () => {
  it('maps header aliases and numbers rows by their line in the file, skipping blank lines', () => {
    const csv =
      '\uFEFFE-mail Address;First_Name;SURNAME;Role;Team\r\n\r\na@x.test;Ann;Lee;admin;ops\n"b@x.test";"Multi\nLine";;;\n  \nc@x.test;;;;\n';

    const result = read(csv);

    expect(result.header).toEqual(['E-mail Address', 'First_Name', 'SURNAME', 'Role', 'Team']);
    expect(result.emailColumn).toBe(0);
    expect(result.rowCount).toBe(3);
    expect(result.rows.map((row) => row.line)).toEqual([3, 4, 7]);
    expect(result.rows[0]?.cells).toEqual({
      email: 'a@x.test',
      givenName: 'Ann',
      familyName: 'Lee',
      role: 'admin',
    });
    expect(result.rows[0]?.raw).toEqual(['a@x.test', 'Ann', 'Lee', 'admin', 'ops']);
    expect(result.rows[1]?.cells.givenName).toBe('Multi\nLine');
  });

  it('numbers rows across CRLF line ends and quoted line breaks', () => {
    const result = read(
      'email,first name\r\n\r\n"a@acme.test","Multi\nline"\r\n  \r\nb@acme.test,B\r\n',
    );
    expect(result.rows.map((row) => [row.line, row.cells.email])).toEqual([
      [3, 'a@acme.test'],
      [6, 'b@acme.test'],
    ]);
  });

  it('keeps the first column when two map to the same field', () => {
    const [row] = read('email,mail,E-mail\nfirst@x.test,x,second@x.test\n').rows;
    expect(row?.cells.email).toBe('first@x.test');
  });

  it('reports an empty file and a header without an email column, still counting rows', () => {
    expect(readInviteCsv('')).toEqual({ ok: false, problem: 'empty', rowCount: 0 });
    expect(readInviteCsv(' \n\n')).toEqual({ ok: false, problem: 'empty', rowCount: 0 });
    expect(readInviteCsv('name,role\nAnn,admin\nBob,member\n')).toEqual({
      ok: false,
      problem: 'no_email_column',
      rowCount: 2,
    });
  });

  it(`counts rows past the cap of ${BULK_INVITE_MAX_ROWS} without reading them`, () => {
    const lines = [
      'email',
      ...Array.from({ length: BULK_INVITE_MAX_ROWS + 2 }, (_, i) => `p${i}@x.test`),
    ];
    const result = read(lines.join('\n'));
    expect(result.rowCount).toBe(BULK_INVITE_MAX_ROWS + 2);
    expect(result.rows).toHaveLength(BULK_INVITE_MAX_ROWS);
    expect(read('email\na@x.test\nb@x.test\nc@x.test', { maxRows: 2 }).rows).toHaveLength(2);
  });

  it('marks a row with an unterminated quote as malformed', () => {
    const [row] = read('email,name\nx@x.test,"never closed\n').rows;
    expect(row?.malformed).toBeDefined();
  });

  it('validates each row against the row schema', () => {
    const [good, bad] = read('email,first name,role\n Ann@X.test ,Ann,\nnope,,Bad Role!\n').rows;
    expect(good?.validation).toMatchObject({
      success: true,
      data: { email: 'ann@x.test', givenName: 'Ann' },
    });
    expect(good?.validation.data?.role).toBeUndefined();
    expect(bad?.validation.success).toBe(false);
    expect(bad?.validation.error?.issues.map((issue) => issue.path[0])).toEqual(['email', 'role']);
  });
});

describe('validateInviteRow', () => {
  it('treats blank cells as absent and trims and lower-cases the email', () => {
    expect(validateInviteRow({ email: ' A@X.test ', familyName: '  ', role: '' })).toMatchObject({
      success: true,
      data: { email: 'a@x.test' },
    });
    expect(validateInviteRow({}).success).toBe(false);
  });
});
