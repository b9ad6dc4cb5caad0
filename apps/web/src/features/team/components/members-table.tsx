// The "Members" table: who is in the organization, their role and status, who invited them
// and when, when a pending invitation expires, and (for admins) the row actions.
import type { Member, Role } from '@app/contracts';
import { formatDateTime, formatRelative, humanizeRole } from '@/lib/format';
import { MemberActions, type MemberActionHandlers } from './member-actions';
import { MemberStatusBadge } from './member-status-badge';

function TimeAgo({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso)}
    </time>
  );
}

function Invited({ member }: { member: Member }) {
  if (!member.invitedAt && !member.invitedBy) return <span className="muted">—</span>;
  return (
    <span className="stack">
      {member.invitedBy && <span className="invited-by">by {member.invitedBy}</span>}
      {member.invitedAt && (
        <span className="muted">
          <TimeAgo iso={member.invitedAt} />
        </span>
      )}
    </span>
  );
}

function Expiry({ member }: { member: Member }) {
  if ((member.status !== 'pending' && member.status !== 'expired') || !member.expiresAt)
    return <span className="muted">—</span>;
  return (
    <span className={member.status === 'expired' ? 'text-warning' : undefined}>
      {member.status === 'expired' ? 'Expired ' : 'Expires '}
      <TimeAgo iso={member.expiresAt} />
    </span>
  );
}

export function MembersTable({
  members,
  roles,
  currentUserId,
  isAdmin,
  busy,
  labelledBy,
  ...handlers
}: {
  members: readonly Member[];
  roles: readonly Role[];
  currentUserId: string;
  isAdmin: boolean;
  busy: boolean;
  labelledBy: string;
} & MemberActionHandlers) {
  return (
    <div className="table-wrap">
      <table
        className="table members-table"
        aria-labelledby={labelledBy}
        aria-busy={busy || undefined}
      >
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Invited</th>
            <th scope="col">Invitation expires</th>
            {isAdmin && (
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {members.map((member) => {
            const isSelf = member.userId === currentUserId;
            return (
              <tr key={member.userId} data-testid={`member-row-${member.userId}`}>
                <td data-label="Name">
                  <span className="member-name">
                    <span className="avatar" aria-hidden="true">
                      {(member.name || member.email).slice(0, 1).toUpperCase()}
                    </span>
                    <span className="break-anywhere">
                      {member.name || <span className="muted">No name</span>}
                      {isSelf && <span className="muted"> (you)</span>}
                    </span>
                  </span>
                </td>
                <td data-label="Email" className="break-anywhere">
                  {member.email}
                </td>
                <td data-label="Role">
                  {member.roles.length > 0 ? member.roles.map(humanizeRole).join(', ') : '—'}
                </td>
                <td data-label="Status">
                  <MemberStatusBadge status={member.status} />
                </td>
                <td data-label="Invited">
                  <Invited member={member} />
                </td>
                <td data-label="Invitation expires">
                  <Expiry member={member} />
                </td>
                {isAdmin && (
                  <td className="table__actions">
                    <MemberActions member={member} roles={roles} isSelf={isSelf} {...handlers} />
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
