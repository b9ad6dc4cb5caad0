// Several addresses from the invite dialog as the CSV the bulk endpoint reads, so they go in
// one request. Every cell is quoted (no CSV library in the Team page's bundle); names are sent
// as typed, since this file goes to the BFF, never to a spreadsheet.
import type { InviteMemberBody } from '@app/contracts';

const quote = (cell: string) => `"${cell.replace(/"/g, '""')}"`;

/** `email,first name,last name` then one line per invitation, in order (line n+1 is body n). */
export function inviteEntriesCsv(bodies: readonly InviteMemberBody[]): string {
  const lines = bodies.map((body) =>
    [body.email, body.givenName ?? '', body.familyName ?? ''].map(quote).join(','),
  );
  return ['email,first name,last name', ...lines].join('\r\n');
}
