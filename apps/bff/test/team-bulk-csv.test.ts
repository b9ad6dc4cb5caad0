// Reading a bulk-invitation CSV: headers by alias, line numbers users can find, per-row checks.
import { describe, expect, it } from 'vitest';
import { BULK_INVITE_MAX_ROWS } from '@app/contracts';
import { AppError } from '../src/errors/app-error.js';
import { prepareRow, readBulkCsv } from '../src/team/bulk-csv.js';

const roles = new Set(['admin', 'member']);

describe('readBulkCsv', () => {
  it('maps header aliases and numbers rows by their line in the file, skipping blank lines', () => {
    const csv =
      '\uFEFFE-mail Address;First_Name;SURNAME;Role;Team\r\n\r\na@x.test;Ann;Lee;admin;ops\n"b@x.test";"Multi\nLine";;;\n  \nc@x.test;;;;\n';

    const rows = readBulkCsv(csv);

    expect(rows.map((row) => row.line)).toEqual([3, 4, 7]);
    expect(rows[0]?.cells).toEqual({
      email: 'a@x.test',
      givenName: 'Ann',
      familyName: 'Lee',
      role: 'admin',
    });
    expect(rows[1]?.cells.givenName).toBe('Multi\nLine');
  });

  it('refuses a file without an email column with validation_failed', () => {
    expect(() => readBulkCsv('name,role\nAnn,admin\n')).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
    expect(() => readBulkCsv('')).toThrow(AppError);
  });

  it(`refuses more than ${BULK_INVITE_MAX_ROWS} data rows with payload_too_large`, () => {
    const ok = [
      'email',
      ...Array.from({ length: BULK_INVITE_MAX_ROWS }, (_, i) => `p${i}@x.test`),
    ].join('\n');
    const tooMany = `${ok}\nlast@x.test\n`;

    expect(readBulkCsv(ok)).toHaveLength(BULK_INVITE_MAX_ROWS);
    expect(() => readBulkCsv(tooMany)).toThrow(
      expect.objectContaining({ code: 'payload_too_large' }),
    );
  });

  it('marks a row with an unterminated quote as malformed', () => {
    const [row] = readBulkCsv('email,name\nx@x.test,"never closed\n');
    expect(row?.malformed).toBeDefined();
    expect(prepareRow(row ?? { line: 0, cells: {} }, 'member', roles)).toMatchObject({
      status: 'rejected',
    });
  });
});

describe('prepareRow', () => {
  it('lower-cases the email, applies the default role and keeps names', () => {
    const prepared = prepareRow(
      { line: 2, cells: { email: ' Ann@X.test ', givenName: 'Ann', role: '' } },
      'member',
      roles,
    );
    expect(prepared).toEqual({
      line: 2,
      email: 'ann@x.test',
      status: 'valid',
      row: { email: 'ann@x.test', givenName: 'Ann', role: 'member' },
    });
  });

  it('rejects a malformed email and an unknown role with a reason', () => {
    expect(prepareRow({ line: 3, cells: { email: 'nope' } }, 'member', roles)).toMatchObject({
      status: 'rejected',
      reason: 'Email: Enter a valid email address',
    });
    expect(
      prepareRow({ line: 4, cells: { email: 'a@x.test', role: 'owner' } }, 'member', roles),
    ).toEqual({
      line: 4,
      email: 'a@x.test',
      status: 'rejected',
      reason: 'Role: Unknown role "owner".',
    });
  });

  it('names each field as the preview does, one problem per line', () => {
    const prepared = prepareRow(
      { line: 5, cells: { email: 'nope', givenName: 'x'.repeat(101) } },
      'member',
      roles,
    );
    expect(prepared).toMatchObject({
      status: 'rejected',
      reason: 'Email: Enter a valid email address\nFirst name: At most 100 characters',
    });
  });
});
