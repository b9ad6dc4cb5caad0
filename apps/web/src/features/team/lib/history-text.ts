// One member's audit entries in plain words for their details panel, where the member is known:
// "Invited as Member", "Role changed from Member to Admin", and who did it from where.
import type { AuditEntry, Role } from '@app/contracts';
import { roleLabel } from '../components/role-select';

function rolesOf(names: readonly string[] | undefined, roles: readonly Role[]): string {
  if (!names || names.length === 0) return 'no role';
  return names.map((name) => roleLabel(name, roles)).join(', ');
}

export function historyLine(entry: AuditEntry, roles: readonly Role[]): string {
  const after = rolesOf(entry.after?.roles, roles);
  switch (entry.kind) {
    case 'member.invited':
      return `Invited as ${after}`;
    case 'invitation.resent':
      return 'Invitation resent';
    case 'invitation.revoked':
      return 'Invitation revoked';
    case 'member.removed':
      return 'Removed from the organization';
    case 'member.role_changed':
      return `Role changed from ${rolesOf(entry.before?.roles, roles)} to ${after}`;
    case 'member.joined':
      return `Accepted the invitation and joined as ${after}`;
    case 'member.added':
      return `Added at Scalekit as ${after}`;
    default:
      // Kinds added later still show, by their name.
      return entry.kind;
  }
}

const SOURCES: Record<string, string> = {
  ui: 'Team page',
  csv: 'CSV import',
  api: 'API',
  scalekit_webhook: 'Scalekit',
};

/** "by ada@acme.test · Team page". */
export function historyByline(entry: AuditEntry): string {
  const actor = entry.actor.type === 'user' ? entry.actor.email : 'Scalekit';
  return `by ${actor} · ${SOURCES[entry.source] ?? entry.source}`;
}
