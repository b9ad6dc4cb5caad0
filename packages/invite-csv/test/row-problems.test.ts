// The wording of a row's problems, shared by the CSV preview and the import report.
import { describe, expect, it } from 'vitest';
import { describeRowProblems, unknownRoleProblem, validateInviteRow } from '../src/index.js';

describe('describeRowProblems', () => {
  it('leads each problem with the field’s display name, one problem per line', () => {
    const validation = validateInviteRow({ email: 'nope', familyName: 'x'.repeat(101) });
    expect(validation.success).toBe(false);
    expect(describeRowProblems(validation.error?.issues ?? [])).toBe(
      'Email: Enter a valid email address\nLast name: At most 100 characters',
    );
  });

  it('speaks of the row when a problem names no field', () => {
    expect(describeRowProblems([{ path: [], message: 'Too many cells' }])).toBe(
      'Row: Too many cells',
    );
  });

  it('does not repeat the field when the message already starts with its name', () => {
    const validation = validateInviteRow({ email: 'ann@acme.test' }, { department: '' });
    expect(validation.success).toBe(false);
    expect(describeRowProblems(validation.error?.issues ?? [])).toBe(
      'Metadata value of "department" must have 1 to 256 characters',
    );
  });

  it('names an unknown role the way the preview shows it', () => {
    expect(unknownRoleProblem('owner')).toBe('Role: Unknown role "owner".');
  });
});
