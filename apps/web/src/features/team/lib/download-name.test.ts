// Download names are built from the name of the person's file: whatever it holds, the name
// offered is a plain, short `.csv` file name.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostilePath, PROPERTY_SETTINGS } from '@app/contracts/testing';
import { downloadName } from './failed-rows-csv';

describe('downloadName', () => {
  it('names the download after the source file', () => {
    expect(downloadName('failed-rows', 'People 2026.csv')).toBe('failed-rows-People 2026.csv');
    expect(downloadName('not-attempted', '../../etc/passwd\u202Egpj.csv')).toBe(
      'not-attempted-_.._etc_passwd_gpj.csv',
    );
  });

  it('always offers a plain, short .csv file name', () => {
    fc.assert(
      fc.property(hostilePath(), (source) => {
        const name = downloadName('failed-rows', source);
        expect(name).toMatch(/^failed-rows(-[\p{L}\p{N}._()-][\p{L}\p{N} ._()-]*)?\.csv$/u);
        expect(name.length).toBeLessThanOrEqual(100);
      }),
      PROPERTY_SETTINGS,
    );
  });
});
