// The "Members" table: who is in the organization, their role and status, when they joined or
// who invited them and until when, and (for admins) the row actions.
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

/**
 * When someone joined, or who invited them and until when the invitation runs. An active member
 * was not necessarily invited (seeded or added directly), so they only get "Joined".
 */
function MembershipDates({ member }: { member: Member }) {
  if (member.status === 'pending' || member.status === 'expired') {
    return (
      <span>
        Invited
        {member.invitedBy && (
          <>
            {' by '}
            <span className="break-anywhere">{member.invitedBy}</span>
          </>
        )}
        {member.invitedAt && (
          <>
            {member.invitedBy ? ', ' : ' '}
            <TimeAgo iso={member.invitedAt} />
          </>
        )}
        {member.expiresAt && (
          <span className={member.status === 'expired' ? 'text-warning' : 'muted'}>
            {' · '}
            {member.status === 'expired' ? 'expired ' : 'expires '}
            <TimeAgo iso={member.expiresAt} />
          </span>
        )}
      </span>
    );
  }
  const joined = member.acceptedAt ?? member.invitedAt;
  if (member.status === 'active' && joined) {
    return (
      <span>
        Joined <TimeAgo iso={joined} />
      </span>
    );
  }
  return <span className="muted">—</span>;
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
            <th scope="col">Membership</th>
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
                <td data-label="Email" className="members-table__email break-anywhere">
                  {member.email}
                </td>
                <td data-label="Role">
                  {member.roles.length > 0 ? member.roles.map(humanizeRole).join(', ') : '—'}
                </td>
                <td data-label="Status">
                  <MemberStatusBadge status={member.status} />
                </td>
                <td data-label="Membership" className="members-table__membership">
                  <MembershipDates member={member} />
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
