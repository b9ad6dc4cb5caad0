// Audit entries in plain words: who acted, what happened (with the roles' display names), and
// where the change came from.
import type {
  AuditActor,
  AuditEntry,
  AuditKind,
  AuditSource,
  InvitationPolicy,
  InvitationPolicyMode,
  Role,
} from '@app/contracts';
import { humanizeRole } from '@/lib/format';

export const KIND_LABELS: Record<AuditKind, string> = {
  'member.invited': 'Invited',
  'invitation.resent': 'Invitation resent',
  'invitation.revoked': 'Invitation revoked',
  'member.removed': 'Removed',
  'member.role_changed': 'Role changed',
  'member.joined': 'Joined',
  'member.added': 'Added at Scalekit',
  'seats.limit_changed': 'Seat limit changed',
  'api_key.created': 'API key created',
  'api_key.revoked': 'API key revoked',
  'policy.changed': 'Invitation policy changed',
  'domain.added': 'Allowed domain added',
  'domain.removed': 'Allowed domain removed',
  'request.created': 'Request filed',
  'request.approved': 'Request approved',
  'request.declined': 'Request declined',
};

export const SOURCE_LABELS: Record<AuditSource, string> = {
  ui: 'Team page',
  csv: 'CSV import',
  api: 'API',
  scalekit_webhook: 'Scalekit',
};

export function actorLabel(actor: AuditActor): string {
  if (actor.type === 'api_key') return `API key “${actor.name}”`;
  return actor.type === 'scalekit' ? 'Scalekit' : actor.email;
}

function seatLimitLabel(limit: number | null | undefined): string {
  return limit === null || limit === undefined ? 'no limit' : String(limit);
}

const POLICY_LABELS: Record<InvitationPolicyMode, string> = {
  anyone: 'anyone',
  allowed_domains: 'allowed domains only',
  allowed_domains_and_exceptions: 'allowed domains and named exceptions',
};

function policyLabel(policy: InvitationPolicy | null | undefined): string {
  return POLICY_LABELS[policy?.mode ?? 'anyone'];
}

function rolesLabel(names: readonly string[] | undefined, roles: readonly Role[]): string {
  if (!names || names.length === 0) return 'no role';
  return names
    .map((name) => roles.find((role) => role.name === name)?.displayName || humanizeRole(name))
    .join(', ');
}

/** "Changed ann@acme.test's role from Member to Admin". */
export function describeEntry(entry: AuditEntry, roles: readonly Role[]): string {
  const who = entry.member.email ?? entry.member.userId ?? 'a member';
  const after = rolesLabel(entry.after?.roles, roles);
  switch (entry.kind) {
    case 'member.invited':
      return `Invited ${who} as ${after}`;
    case 'invitation.resent':
      return `Resent the invitation to ${who}`;
    case 'invitation.revoked':
      return `Revoked the invitation to ${who}`;
    case 'member.removed':
      return `Removed ${who}`;
    case 'member.role_changed':
      return `Changed ${who}'s role from ${rolesLabel(entry.before?.roles, roles)} to ${after}`;
    case 'member.joined':
      return `${who} accepted the invitation and joined as ${after}`;
    case 'member.added':
      return `Added ${who} as ${after}`;
    case 'seats.limit_changed':
      return `Changed the seat limit from ${seatLimitLabel(entry.seatLimit?.before)} to ${seatLimitLabel(entry.seatLimit?.after)}`;
    case 'api_key.created':
      return `Created the API key “${entry.apiKey?.name ?? ''}” (${entry.apiKey?.scopes.join(', ') ?? ''})`;
    case 'api_key.revoked':
      return `Revoked the API key “${entry.apiKey?.name ?? ''}”`;
    case 'policy.changed':
      return `Changed who may be invited from ${policyLabel(entry.policy?.before)} to ${policyLabel(entry.policy?.after)}`;
    case 'domain.added':
      return `Allowed the email domain ${entry.domain ?? ''}`;
    case 'domain.removed':
      return `Removed the allowed email domain ${entry.domain ?? ''}`;
    case 'request.created':
      return `Asked to let ${who} in`;
    case 'request.approved':
      return `Approved the request for ${who} as ${rolesLabel(entry.request?.role ? [entry.request.role] : [], roles)}`;
    case 'request.declined':
      return `Declined the request for ${who}: ${entry.request?.reason ?? 'no reason given'}`;
  }
}
