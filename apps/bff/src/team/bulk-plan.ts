// Judges a bulk-invitation CSV before anything is sent: the file's rows checked against the
// organization's roles and the addresses looked up among its members. The import runs on this
// plan and the dry-run preview reports it, so both give the same verdict for every row.
import type { BulkInvitePreviewResponse, BulkInvitePreviewRow, Member } from '@app/contracts';
import { prepareRow, readBulkCsv, type PreparedRow } from './bulk-csv.js';
import { alreadyMemberResult, duplicateResult, type RowResult } from './bulk-invite.js';
import { findExistingMembers } from './existing-members.js';
import { assertKnownRole, listRoles } from './roles.js';
import type { ScalekitGateway } from './scalekit-types.js';

export interface BulkInvitePlan {
  rows: PreparedRow[];
  /** Members among the valid rows' addresses, by lower-cased email. */
  existing: Map<string, Member>;
}

/** Why the organization's invitation policy refuses an address; undefined when it admits it. */
export type PolicyRefusal = (email: string) => string | undefined;

/**
 * Reads and checks the file (413/422 for the whole file, as readBulkCsv and an unknown
 * `defaultRole` say), then each row, the invitation policy included. Reads Scalekit only;
 * nothing is created or sent.
 */
export async function planBulkInvite(
  gateway: ScalekitGateway,
  organizationId: string,
  csv: string,
  defaultRole: string,
  /** Finds the members among the valid rows' addresses (lower-cased), keyed by address. */
  existingMembers: (emails: string[]) => Promise<Map<string, Member>> = (emails) =>
    findExistingMembers(gateway, organizationId, emails),
  policyRefusal: PolicyRefusal = () => undefined,
): Promise<BulkInvitePlan> {
  const csvRows = readBulkCsv(csv);
  const roles = await listRoles(gateway, organizationId);
  assertKnownRole(roles, defaultRole, 'defaultRole');
  const knownRoles = new Set(roles.map((role) => role.name));
  const rows = csvRows.map((row): PreparedRow => {
    const prepared = prepareRow(row, defaultRole, knownRoles);
    if (prepared.status !== 'valid') return prepared;
    const reason = policyRefusal(prepared.email);
    return reason === undefined
      ? prepared
      : { line: prepared.line, email: prepared.email, status: 'rejected', reason };
  });
  const emails = rows.flatMap((row) => (row.status === 'valid' ? [row.email] : []));
  const existing = await existingMembers([...new Set(emails)]);
  return { rows, existing };
}

/** What the import would report for each row of the plan, had Scalekit accepted every invitation. */
export function previewBulkInvite(plan: BulkInvitePlan): BulkInvitePreviewResponse {
  const firstOccurrence = new Map<string, { line: number; result: RowResult }>();
  const counts = { invited: 0, alreadyMember: 0, rejected: 0 };
  const rows = plan.rows.map((row): BulkInvitePreviewRow => {
    let result: RowResult;
    if (row.status === 'rejected') {
      result = { outcome: 'rejected', reason: row.reason };
    } else {
      const first = firstOccurrence.get(row.email);
      const member = plan.existing.get(row.email);
      if (first !== undefined) result = duplicateResult(first.line, first.result);
      else result = member === undefined ? { outcome: 'invited' } : alreadyMemberResult(member);
      if (first === undefined) firstOccurrence.set(row.email, { line: row.line, result });
    }
    if (result.outcome === 'invited') counts.invited += 1;
    else if (result.outcome === 'already_member') counts.alreadyMember += 1;
    else counts.rejected += 1;
    return {
      line: row.line,
      email: row.email,
      outcome: result.outcome,
      ...(result.reason === undefined ? {} : { reason: result.reason }),
    };
  });
  return { rows, total: rows.length, ...counts };
}
