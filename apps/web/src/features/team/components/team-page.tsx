// The Team screen: the members table with search, status filter and paging (kept in the URL);
// for admins the invite and CSV import dialogs and row actions (revoke and remove with Undo);
// live updates from the BFF's event stream; results as toasts.
import { MemberStatusSchema, type Member } from '@app/contracts';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { MEMBERS_PAGE_SIZE, SEARCH_DEBOUNCE_MS } from '@/config/app';
import { paths } from '@/config/paths';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { LoadingState } from '@/components/ui/loading-state';
import { FilterSelect, Pager, SearchField, TableToolbar } from '@/components/ui/table-parts';
import { useToast } from '@/components/ui/toast';
import { describeError } from '@/lib/error-message';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { SeatSummary } from '@/features/seats/components/seat-summary';
import { useMembers } from '../api/list-members';
import { useRoles } from '../api/list-roles';
import { useTeamEvents } from '../api/subscribe-team-events';
import { applyTeamEvent } from '../lib/apply-team-event';
import { importNotice } from '../lib/import-summary';
import { readTeamListState, writeTeamListState, type TeamListState } from '../lib/team-url-state';
import { InviteDialog } from './invite-dialog';
import { statusLabel } from './member-status-badge';
import { MembersTable } from './members-table';
import { roleLabel } from './role-select';
import { useUndoableRemovals } from './use-undoable-removals';

// Papaparse and the import screens load only when an admin opens the dialog.
const loadCsvImportDialog = () => import('./csv-import-dialog');
const CsvImportDialog = lazy(() =>
  loadCsvImportDialog().then((module) => ({ default: module.CsvImportDialog })),
);

const STATUS_OPTIONS = MemberStatusSchema.options.map((status) => ({
  value: status,
  label: statusLabel(status),
}));

/** Where focus goes after the table changes: a row's actions button, or the table itself. */
type FocusTarget = { userId: string } | 'table' | undefined;

export function TeamPage({
  currentUserId,
  isAdmin,
  organizationName,
  onOwnRoleChanged,
}: {
  currentUserId: string;
  isAdmin: boolean;
  organizationName: string;
  /** The signed-in person changed their own role: the session must be read again. */
  onOwnRoleChanged: () => void;
}) {
  const toaster = useToast();
  const [params, setParams] = useSearchParams();
  const list = readTeamListState(params);
  const { status, cursors } = list;
  const [searchInput, setSearchInput] = useState(list.search);
  const search = useDebouncedValue(searchInput, SEARCH_DEBOUNCE_MS);
  const [dialog, setDialog] = useState<'invite' | 'csv' | undefined>(undefined);
  const [focusTarget, setFocusTarget] = useState<FocusTarget>(undefined);
  const tableRef = useRef<HTMLTableElement>(null);

  const navigate = (next: TeamListState, replace = false) =>
    setParams(writeTeamListState(next), { replace });

  // Typing settles into the URL (replacing, so Back skips keystrokes) and starts at page 1.
  useEffect(() => {
    if (search !== list.search) navigate({ ...list, search, cursors: [] }, true);
    // Only a settled search writes the URL; the URL's own changes are handled below.
  }, [search]);
  // Back, Forward or a link changed the search: show it in the box.
  useEffect(() => {
    if (list.search !== search) setSearchInput(list.search);
  }, [list.search]);

  const pageToken = cursors[cursors.length - 1];
  const isFirstPage = cursors.length === 0;
  const members = useMembers({
    status,
    search: list.search,
    pageSize: MEMBERS_PAGE_SIZE,
    pageToken,
  });
  const roles = useRoles(isAdmin);
  const roleList = roles.data?.roles ?? [];

  const removals = useUndoableRemovals({
    onSent: (result) =>
      members.setData(
        (current) =>
          current && {
            ...current,
            members: current.members.filter((row) => row.userId !== result.userId),
          },
      ),
    onUndone: (member) => setFocusTarget({ userId: member.userId }),
  });

  useEffect(() => {
    if (isAdmin) void loadCsvImportDialog().catch(() => undefined);
  }, [isAdmin]);

  useEffect(() => {
    if (focusTarget === undefined) return;
    setFocusTarget(undefined);
    const row =
      focusTarget === 'table'
        ? null
        : tableRef.current?.querySelector(`[data-testid="member-row-${focusTarget.userId}"]`);
    const button = row?.querySelector<HTMLElement>('button[aria-haspopup="menu"]');
    (button ?? tableRef.current)?.focus();
  }, [focusTarget]);

  useTeamEvents(
    (event) => {
      const before = members.data?.members.find((member) => member.userId === event.userId);
      members.setData((page) =>
        applyTeamEvent(page, event, { isFirstPage, status, search: list.search }),
      );
      if (event.member && before && before.status !== event.member.status) {
        toaster.show(`${event.member.email} is now ${statusLabel(event.member.status)}.`, {
          tone: 'info',
        });
      }
    },
    // The stream gave up: reload, which also sends a signed-out person to sign in.
    () => members.refetch(),
  );

  function replaceMember(member: Member) {
    members.setData(
      (page) =>
        page && {
          ...page,
          members: page.members.map((row) => (row.userId === member.userId ? member : row)),
        },
    );
  }

  const page = members.data;
  const rows = page?.members.filter((member) => !removals.hiddenIds.has(member.userId)) ?? [];
  const filtered = status !== undefined || list.search.trim() !== '';

  function confirmRemoval(member: Member) {
    // Focus moves to the next row's actions (or the previous row's, or the table) before the
    // row leaves, so keyboard and screen reader users keep their place.
    const index = rows.findIndex((row) => row.userId === member.userId);
    const neighbour = rows[index + 1] ?? rows[index - 1];
    setFocusTarget(neighbour && isAdmin ? { userId: neighbour.userId } : 'table');
    removals.schedule(member);
  }

  let body;
  if (!page && members.isFetching) body = <LoadingState label="Loading members…" />;
  else if (!page)
    body = (
      <Alert
        tone="error"
        title="The members could not be loaded"
        action={<Button onClick={members.refetch}>Try again</Button>}
      >
        {describeError(members.error)}
      </Alert>
    );
  else if (rows.length === 0 && page.members.length === 0)
    body = filtered ? (
      <EmptyState
        title="No members match"
        action={
          <Button
            onClick={() => {
              setSearchInput('');
              navigate({ search: '', status: undefined, cursors: [] });
            }}
          >
            Clear filters
          </Button>
        }
      >
        Try another search or status.
      </EmptyState>
    ) : (
      <EmptyState
        title={isFirstPage ? 'No members yet' : 'No more members'}
        action={
          isAdmin && isFirstPage ? (
            <Button variant="primary" onClick={() => setDialog('invite')}>
              Invite people
            </Button>
          ) : undefined
        }
      >
        {isFirstPage && isAdmin ? 'Invite the first people of your organization.' : undefined}
      </EmptyState>
    );
  else
    body = (
      <MembersTable
        members={rows}
        roles={roleList}
        currentUserId={currentUserId}
        isAdmin={isAdmin}
        busy={members.isFetching}
        labelledBy="members-heading"
        tableRef={tableRef}
        onUpdated={(member, message) => {
          replaceMember(member);
          toaster.show(message);
        }}
        onRoleChanged={(member, before) => {
          replaceMember(member);
          const label = member.roles.map((role) => roleLabel(role, roleList)).join(', ');
          if (member.userId === currentUserId) {
            const lostAdmin = before.roles.includes('admin') && !member.roles.includes('admin');
            toaster.show(
              lostAdmin
                ? `Your role is now ${label}. Admin controls are no longer shown.`
                : `Your role is now ${label}.`,
            );
            if (lostAdmin) setFocusTarget('table');
            onOwnRoleChanged();
          } else {
            toaster.show(`${member.email} now has the role ${label}.`);
          }
        }}
        onRemoveConfirmed={confirmRemoval}
      />
    );

  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1 className="page__title">Team</h1>
          <p className="page__subtitle">People in {organizationName}</p>
          {isAdmin && <SeatSummary version={members.data} />}
        </div>
        {isAdmin && (
          <div className="page__actions">
            <Link className={buttonClass('ghost')} to={paths.teamAccess}>
              Who may join
            </Link>
            <Button onClick={() => setDialog('csv')}>Import CSV</Button>
            <Button variant="primary" onClick={() => setDialog('invite')}>
              Invite people
            </Button>
          </div>
        )}
      </header>

      {!isAdmin && (
        <Alert tone="info">
          You can see who is in your organization. Only administrators can invite people or change
          members.
        </Alert>
      )}

      <section className="card card--flush" aria-labelledby="members-heading">
        <TableToolbar title="Members" titleId="members-heading">
          <SearchField
            label="Search members"
            placeholder="Search by email or external id (3+ characters)"
            value={searchInput}
            onChange={setSearchInput}
          />
          <FilterSelect
            label="Status"
            allLabel="All statuses"
            options={STATUS_OPTIONS}
            value={status}
            onChange={(next) => navigate({ ...list, status: next, cursors: [] })}
          />
        </TableToolbar>

        {page && members.error !== undefined && !members.isFetching && (
          <Alert tone="error" action={<Button onClick={members.refetch}>Try again</Button>}>
            {describeError(members.error)}
          </Alert>
        )}

        {body}

        {page && (!isFirstPage || page.nextPageToken) && (
          <Pager
            page={cursors.length + 1}
            hasPrevious={!isFirstPage}
            hasNext={Boolean(page.nextPageToken)}
            busy={members.isFetching}
            onPrevious={() => navigate({ ...list, cursors: cursors.slice(0, -1) })}
            onNext={() => {
              const next = page.nextPageToken;
              if (next) navigate({ ...list, cursors: [...cursors, next] });
            }}
          />
        )}
      </section>

      {dialog === 'invite' && (
        <InviteDialog
          roles={roleList}
          onClose={() => setDialog(undefined)}
          onInvited={(invited, stillOpen) => {
            members.refetch();
            toaster.show(
              invited.length === 1
                ? `Invitation sent to ${invited[0] ?? ''}.`
                : `${invited.length} invitations sent.`,
            );
            if (!stillOpen) setDialog(undefined);
          }}
        />
      )}
      {dialog === 'csv' && (
        <Suspense fallback={null}>
          <CsvImportDialog
            roles={roleList}
            onClose={() => setDialog(undefined)}
            onImported={(summary) => {
              members.refetch();
              toaster.show(importNotice(summary));
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
