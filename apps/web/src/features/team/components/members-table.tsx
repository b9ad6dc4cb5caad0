// The "Members" table: who is in the organization, their role and status, when they were invited
// (the inviter and exact dates in its tooltip) and joined, headers that sort by name, role,
// status, invited or joined, and (for admins) the row actions.
import type { Member, MemberSort, Role } from '@app/contracts';
import type { Ref } from 'react';
import { InfoTip } from '@/components/ui/info-tip';
import { SortHeader } from '@/components/ui/table-parts';
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
 * When they were invited, and for an open or lapsed invitation until when it runs. An active
 * member was not necessarily invited (seeded or added directly): then nothing.
 */
function InvitedCell({ member }: { member: Member }) {
  const invitation = member.status === 'pending' || member.status === 'expired';
  if (!member.invitedAt || (!invitation && !member.invitedBy && !member.acceptedAt)) {
    return <span className="muted">—</span>;
  }
  const details = invitationDetails(member);
  return (
    <span>
      <TimeAgo iso={member.invitedAt} />
      {invitation && member.expiresAt && (
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

/** When an active member joined: when they accepted, or (never invited) when they were added. */
function JoinedCell({ member }: { member: Member }) {
  const joined = member.acceptedAt ?? (member.invitedBy ? null : member.invitedAt);
  if (member.status !== 'active' || !joined) return <span className="muted">—</span>;
  return (
    <span title={formatDateTime(joined)}>
      <TimeAgo iso={joined} />
    </span>
  );
}

export interface TableSort {
  /** The column the rows are in order of; undefined when they are not (search results). */
  sort: MemberSort | undefined;
  order: 'asc' | 'desc';
  onSort: (column: MemberSort) => void;
}

export function MembersTable({
  members,
  roles,
  currentUserId,
  isAdmin,
  busy,
  labelledBy,
  tableRef,
  sorting,
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
  sorting: TableSort;
} & MemberActionHandlers) {
  const header = (label: string, column: MemberSort) => (
    <SortHeader
      label={label}
      column={column}
      sort={sorting.sort}
      order={sorting.order}
      onSort={sorting.onSort}
    />
  );
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
            {header('Name', 'name')}
            <th scope="col">Email</th>
            {header('Role', 'role')}
            {header('Status', 'status')}
            {header('Invited', 'invited')}
            {header('Joined', 'joined')}
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
                <td data-label="Invited" className="members-table__nowrap">
                  <InvitedCell member={member} />
                </td>
                <td data-label="Joined" className="members-table__nowrap">
                  <JoinedCell member={member} />
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
