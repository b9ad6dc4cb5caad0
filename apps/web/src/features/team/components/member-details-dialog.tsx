// A member's details panel (admins): who they are, their role, status and invitation, and their
// history from the audit log, newest first, with the way to the rest of it on the Activity page.
import type { Member, Role } from '@app/contracts';
import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { LoadingState } from '@/components/ui/loading-state';
import { paths } from '@/config/paths';
import { describeError } from '@/lib/error-message';
import { formatDateTime, formatRelative } from '@/lib/format';
import { useMemberHistory } from '../api/list-member-history';
import { historyByline, historyLine } from '../lib/history-text';
import { MemberStatusBadge } from './member-status-badge';
import { roleLabel } from './role-select';

function MemberHistory({ member, roles }: { member: Member; roles: readonly Role[] }) {
  const history = useMemberHistory(member.userId);
  const entries = history.data?.entries;
  if (entries === undefined && history.isFetching) return <LoadingState label="Loading history…" />;
  if (entries === undefined) {
    return (
      <Alert tone="error" action={<Button onClick={history.refetch}>Try again</Button>}>
        {describeError(history.error)}
      </Alert>
    );
  }
  if (entries.length === 0) {
    return <EmptyState title="No recorded changes">Changes made from now on show here.</EmptyState>;
  }
  return (
    <>
      <ol className="stack" aria-label="History">
        {entries.map((entry) => (
          <li key={entry.id}>
            <div>{historyLine(entry, roles)}</div>
            <div className="muted small">
              {historyByline(entry)} ·{' '}
              <time dateTime={entry.occurredAt} title={formatDateTime(entry.occurredAt)}>
                {formatRelative(entry.occurredAt)}
              </time>
            </div>
          </li>
        ))}
      </ol>
      {history.data?.nextPageToken && (
        <p className="small">
          <Link to={`${paths.activity}?member=${encodeURIComponent(member.email)}`}>
            See all of {member.email}&apos;s history in Activity
          </Link>
        </p>
      )}
    </>
  );
}

export function MemberDetailsDialog({
  member,
  roles,
  onClose,
}: {
  member: Member;
  roles: readonly Role[];
  onClose: () => void;
}) {
  const facts: [string, string][] = [
    ['Email', member.email],
    ['Role', member.roles.map((role) => roleLabel(role, roles)).join(', ') || '—'],
    ['Invited by', member.invitedBy ?? '—'],
    ['Invited', member.invitedAt ? formatDateTime(member.invitedAt) : '—'],
    ['Joined', member.acceptedAt ? formatDateTime(member.acceptedAt) : '—'],
    ['External id', member.externalId ?? '—'],
    ...Object.entries(member.metadata).map(([key, value]): [string, string] => [key, value]),
  ];
  return (
    <Dialog
      title={member.name || member.email}
      size="lg"
      onClose={onClose}
      footer={<Button onClick={onClose}>Close</Button>}
    >
      <p>
        <MemberStatusBadge status={member.status} />
      </p>
      <dl className="stack">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt className="muted small">{term}</dt>
            <dd className="break-anywhere">{value}</dd>
          </div>
        ))}
      </dl>
      <h3>History</h3>
      <MemberHistory member={member} roles={roles} />
    </Dialog>
  );
}
