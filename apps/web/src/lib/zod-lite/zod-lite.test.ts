// zod-lite against classic zod: every schema of the contracts, built once with each, gives the
// same verdict, the same output and the same messages for generated input (seeded, bounded).
import fc from 'fast-check';
import { PROPERTY_SETTINGS } from '@app/contracts/testing';
import { describe, expect, it, vi } from 'vitest';

interface Parser {
  safeParse(value: unknown): {
    success: boolean;
    data?: unknown;
    error?: { issues: { path: PropertyKey[]; message: string }[] };
  };
}

const isParser = (value: unknown): value is Parser =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { safeParse?: unknown }).safeParse === 'function';

async function schemasOf(load: () => Promise<Record<string, unknown>>) {
  const module = await load();
  return Object.fromEntries(
    Object.entries(module).filter((entry): entry is [string, Parser] => isParser(entry[1])),
  );
}

// In these tests `zod` is zod-lite (vitest.config.ts), as in the build.
const lite = await schemasOf(() => import('@app/contracts'));
vi.resetModules();
vi.doMock('zod', () => import('zod/v4'));
const classic = await schemasOf(() => import('@app/contracts'));
vi.doUnmock('zod');

function verdict(schema: Parser, value: unknown) {
  const result = schema.safeParse(value);
  return result.success
    ? { success: true, data: result.data }
    : {
        success: false,
        issues: result.error?.issues.map((issue) => ({
          path: issue.path.map(String),
          message: issue.message,
        })),
      };
}

// Values shaped like what the contracts hold: text of every kind (emails, ids, names, dates),
// numbers at the edges, and objects and arrays of them.
const leaf = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.emailAddress(),
  fc.constantFrom('usr_1', 'org_acme', 'admin', 'member', 'pending', 'active', ' Ada ', ''),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.integer({ min: -5, max: 2_000_000 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(
      fc.constantFrom('email', 'role', 'userId', 'name', 'status', 'type', 'limit', 'members'),
      tie('node'),
      { maxKeys: 5 },
    ),
  ),
})).node;

describe('zod-lite', () => {
  it('builds every schema the contracts export', () => {
    expect(Object.keys(lite).length).toBeGreaterThan(40);
    expect(Object.keys(lite).sort()).toEqual(Object.keys(classic).sort());
  });

  it.each(Object.keys(classic))(
    '%s gives the verdicts, outputs and messages of classic zod',
    (name) => {
      const [ours, theirs] = [lite[name], classic[name]];
      if (ours === undefined || theirs === undefined) throw new Error(`${name} is missing`);
      fc.assert(
        fc.property(value, (input) => {
          expect(verdict(ours, input)).toEqual(verdict(theirs, input));
        }),
        { ...PROPERTY_SETTINGS, numRuns: 150 },
      );
    },
  );
});
