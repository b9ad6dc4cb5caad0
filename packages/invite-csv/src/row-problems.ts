// What is wrong with an invitation row, in the words the preview and the import report share:
// the field's display name first ("Email: Enter a valid email address"), one problem per line.
import type { InviteCsvField } from './read-invite-csv.js';

const FIELD_LABELS: Record<InviteCsvField | 'metadata', string> = {
  email: 'Email',
  givenName: 'First name',
  familyName: 'Last name',
  role: 'Role',
  externalId: 'External id',
  metadata: 'Metadata',
};

/** The display name of a row field; anything else is about the row as a whole. */
export function rowFieldLabel(field: PropertyKey | undefined): string {
  return typeof field === 'string' && field in FIELD_LABELS
    ? FIELD_LABELS[field as InviteCsvField | 'metadata']
    : 'Row';
}

/** One line per problem, each led by the field it is about (unless it already names it). */
export function describeRowProblems(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): string {
  return issues
    .map((issue) => {
      const label = rowFieldLabel(issue.path[0]);
      return issue.message.startsWith(`${label} `) ? issue.message : `${label}: ${issue.message}`;
    })
    .join('\n');
}

/** The row names a role the organization does not have. */
export function unknownRoleProblem(role: string): string {
  return `${FIELD_LABELS.role}: Unknown role "${role}".`;
}
