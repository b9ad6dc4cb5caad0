// The "Members" table: who is in the organization, their role and status, one short line on
// their membership (the inviter and exact dates in its tooltip), and (for admins) the row actions.
import type { Member, Role } from '@app/contracts';
import type { Ref } from 'react';
import { InfoTip } from '@/components/ui/info-tip';
import { formatDateTime, formatRelative } from '@/lib/format';
import { MemberActions, type MemberActionHandlers } from './member-actions';
import { MemberStatusBadge } from './member-status-badge';
import { roleLabel } from './role-select';

function TimeAgo({ iso }: { iso: string }) {
  return <time dateTime={iso}>{formatRelative(iso)}</time>;
}

/** Every detail of an invitation, one sentence each, for the tooltip. */
function invitationDetails(member: Member): string {
  const sentences = [
    member.invitedBy && member.invitedAt
      ? `Invited by ${member.invitedBy} on ${formatDateTime(member.invitedAt)}.`
      : member.invitedBy
        ? `Invited by ${member.invitedBy}.`
        : member.invitedAt
          ? `Invited on ${formatDateTime(member.invitedAt)}.`
          : '',
    member.expiresAt
      ? `${member.status === 'expired' ? 'Expired' : 'Expires'} on ${formatDateTime(member.expiresAt)}.`
      : '',
  ];
  return sentences.filter(Boolean).join(' ');
}

/**
 * One line: when someone joined, or when they were invited and until when the invitation runs.
 * An active member was not necessarily invited (seeded or added directly), so they only get
 * "Joined".
 */
function MembershipLine({ member }: { member: Member }) {
  if (member.status === 'pending' || member.status === 'expired') {
    const details = invitationDetails(member);
    return (
      <span>
        Invited
        {member.invitedAt && (
          <>
            {' '}
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
        {details && <InfoTip label={`Invitation details for ${member.email}`}>{details}</InfoTip>}
      </span>
    );
  }
  const joined = member.acceptedAt ?? member.invitedAt;
  if (member.status === 'active' && joined) {
    return (
      <span title={formatDateTime(joined)}>
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
  tableRef,
  ...handlers
}: {
  members: readonly Member[];
  roles: readonly Role[];
  currentUserId: string;
  isAdmin: boolean;
  busy: boolean;
  labelledBy: string;
  /** The table itself takes focus when the last row on screen goes away. */
  tableRef?: Ref<HTMLTableElement>;
} & MemberActionHandlers) {
  return (
    <div className="table-wrap">
      <table
        ref={tableRef}
        tabIndex={-1}
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
                    {/* Without a name the email is the label people know them by. */}
                    <span className="break-anywhere">
                      {member.name || member.email}
                      {isSelf && <span className="muted"> (you)</span>}
                    </span>
                  </span>
                </td>
                <td data-label="Email" className="members-table__email break-anywhere">
                  {member.email}
                </td>
                <td data-label="Role" className="members-table__nowrap">
                  {member.roles.length > 0
                    ? member.roles.map((role) => roleLabel(role, roles)).join(', ')
                    : '—'}
                </td>
                <td data-label="Status">
                  <MemberStatusBadge status={member.status} />
                </td>
                <td data-label="Membership" className="members-table__nowrap">
                  <MembershipLine member={member} />
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
