// The bulk-import file of journey 5: 50 data rows, of which 3 are invalid and 2 repeat an
// earlier row, so the exact expected report is known (45 invited, 2 already a member,
// 3 rejected).
export interface CsvFixture {
  text: string;
  /** Emails of the 45 rows that should be invited. */
  valid: string[];
  /** Email cells of the 3 rows the preview must flag and the BFF must reject. */
  invalid: string[];
  /** Emails of the 2 rows that repeat an earlier row. */
  duplicates: string[];
}

export function bulkInviteCsv(): CsvFixture {
  const valid = Array.from(
    { length: 45 },
    (_, index) => `bulk.person${String(index + 1).padStart(2, '0')}@example.test`,
  );
  const invalid = ['not-an-email', 'missing.at.example.test', 'two@@example.test'];
  const duplicates = [valid[4] ?? '', valid[30] ?? ''];
  const lines = ['email,first name,last name'];
  valid.forEach((email, index) => {
    lines.push(`${email},Person,Number ${index + 1}`);
    // Spread the bad and repeated rows through the file rather than bunching them at the end.
    if (index === 9) lines.push(`${invalid[0] ?? ''},Bad,One`);
    if (index === 19) lines.push(`${duplicates[0] ?? ''},Again,One`);
    if (index === 24) lines.push(`${invalid[1] ?? ''},Bad,Two`);
    if (index === 34) lines.push(`${duplicates[1] ?? ''},Again,Two`);
    if (index === 39) lines.push(`${invalid[2] ?? ''},Bad,Three`);
  });
  return { text: `${lines.join('\n')}\n`, valid, invalid, duplicates };
}
