// External ids and metadata in invitation CSV files: the `external_id` column and one
// `metadata.<key>` column per key, read back exactly as written and checked against Scalekit's
// limits row by row.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readInviteCsv, writeCsv, type InviteCsvResult } from '../src/index.js';

function rowsOf(text: string) {
  const result: InviteCsvResult = readInviteCsv(text);
  if (!result.ok) throw new Error(result.problem);
  return result.rows;
}

describe('external ids and metadata columns', () => {
  it('reads the external id and each metadata column, leaving blank metadata cells out', () => {
    const [ann, bob] = rowsOf(
      'email,External ID,metadata.department,Metadata.cost_center\n' +
        'ann@acme.test,crm-user-87425,Sales,CC-42\n' +
        'bob@acme.test,,,  \n',
    );
    expect(ann?.cells.externalId).toBe('crm-user-87425');
    expect(ann?.metadata).toEqual({ department: 'Sales', cost_center: 'CC-42' });
    expect(ann?.validation.data).toMatchObject({
      externalId: 'crm-user-87425',
      metadata: { department: 'Sales', cost_center: 'CC-42' },
    });
    expect(bob?.metadata).toEqual({});
    expect(bob?.validation.success).toBe(true);
    expect(bob?.validation.data?.metadata).toBeUndefined();
  });

  it("refuses a row whose metadata is outside Scalekit's limits, saying which key", () => {
    const [row] = rowsOf(`email,metadata.ab,metadata.note\nann@acme.test,x,${'y'.repeat(257)}\n`);
    expect(row?.validation.success).toBe(false);
    expect(row?.validation.error?.issues.map((issue) => issue.message)).toEqual([
      'Metadata key "ab" must have 3 to 25 characters',
      'Metadata value of "note" must have 1 to 256 characters',
    ]);
  });

  it('reads back any external id and metadata written to a file', () => {
    const key = fc.stringMatching(/^[a-z][a-z0-9_]{2,24}$/).filter((text) => text !== 'invited_by');
    // Cells a spreadsheet could take for formulas are written with an apostrophe: keep clear of them.
    const value = fc
      .string({ minLength: 1, maxLength: 256, unit: 'grapheme' })
      .filter((text) => text.trim() !== '' && !/^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/.test(text));
    const externalId = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,80}$/);
    fc.assert(
      fc.property(
        externalId,
        fc.dictionary(key, value, { minKeys: 1, maxKeys: 8 }),
        (id, metadata) => {
          const keys = Object.keys(metadata);
          const text = writeCsv([
            ['email', 'external_id', ...keys.map((name) => `metadata.${name}`)],
            ['ann@acme.test', id, ...keys.map((name) => metadata[name] ?? '')],
          ]);
          const [row] = rowsOf(text);
          expect(row?.validation.data).toMatchObject({ externalId: id, metadata });
        },
      ),
      { seed: 20261130, numRuns: 200, interruptAfterTimeLimit: 5_000 },
    );
  });
});
