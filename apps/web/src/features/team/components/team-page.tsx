// The Team screen: the members table with search as you type, a status filter with counts,
// sortable columns and paging "1–25 of 312" (all kept in the URL), the member count in the
// header; for admins the invite and CSV import dialogs and row actions (revoke and remove with
// Undo); live updates from the BFF's event stream; results as toasts.
import {
  MEMBER_SEARCH_MIN,
  MemberStatusSchema,
  type Member,
  type MemberCounts,
  type MemberSort,
} from '@app/contracts';
import { lazy, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { MEMBERS_PAGE_SIZE, SEARCH_DEBOUNCE_MS } from '@/config/app';
import { paths } from '@/config/paths';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClass } from '@/components/ui/button';
import { LazyDialog } from '@/components/ui/lazy-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { LoadingState } from '@/components/ui/loading-state';
import { FilterSelect, Pager, SearchField, TableToolbar } from '@/components/ui/table-parts';
import { useToast } from '@/components/ui/toast';
import { describeError } from '@/lib/error-message';
import { formatCount } from '@/lib/format';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { SeatSummary } from '@/features/seats/components/seat-summary';
import { useMembers } from '../api/list-members';
import { useRoles } from '../api/list-roles';
import { useTeamEvents } from '../api/subscribe-team-events';
import { applyTeamEvent } from '../lib/apply-team-event';
import { pageSummary } from '../lib/page-summary';
import {
  firstOrderOf,
  readTeamListState,
  writeTeamListState,
  type TeamListState,
} from '../lib/team-url-state';
import { statusLabel } from './member-status-badge';
import { MembersTable } from './members-table';
import { roleLabel } from './role-select';
import { useUndoableRemovals } from './use-undoable-removals';

// The invite dialog loads when an admin opens it; it is not needed to read the list.
const InviteDialog = lazy(() =>
  import('./invite-dialog').then((module) => ({ default: module.InviteDialog })),
);
// Papaparse and the import screens load only when an admin opens the dialog.
const loadCsvImportDialog = () => import('./csv-import-dialog');
const CsvImportDialog = lazy(() =>
  loadCsvImportDialog().then((module) => ({ default: module.CsvImportDialog })),
);

/** "Pending 312" when the BFF counted the organization, else "Pending". */
function statusOptions(counts: MemberCounts | undefined) {
  return MemberStatusSchema.options.map((status) => ({
    value: status,
    label: counts ? `${statusLabel(status)} ${formatCount(counts[status])}` : statusLabel(status),
  }));
}

function memberCount(total: number): string {
  return `${formatCount(total)} ${total === 1 ? 'member' : 'members'}`;
}

/** Where focus goes after the table changes: a row's actions button, or the table itself. */
type FocusTarget = { userId: string } | 'table' | undefined;

/** How soon the list is asked again while the BFF is still indexing the organization. */
const INDEXING_RETRY_MS = 2000;

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
  const { status, cursors, sort, order } = list;
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
    sort,
    order,
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
        // The badge's word, in the middle of a sentence.
        const now = statusLabel(event.member.status).toLowerCase();
        toaster.show(`${event.member.email} is now ${now}.`, {
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
  // The BFF searches from MEMBER_SEARCH_MIN characters, in match order rather than a column's.
  const searching = list.search.trim().length >= MEMBER_SEARCH_MIN;
  const counts = page?.counts;
  const listedTotal = searching || !counts ? undefined : status ? counts[status] : counts.total;
  // No counts: the BFF is still indexing the organization (just after it started) and the list
  // comes in Scalekit's order. No column claims to sort it, and the page asks again shortly.
  const indexing = page !== undefined && counts === undefined;
  const { refetch } = members;
  useEffect(() => {
    if (!indexing) return undefined;
    const timer = setTimeout(refetch, INDEXING_RETRY_MS);
    return () => clearTimeout(timer);
  }, [indexing, page, refetch]);

  function sortBy(column: MemberSort) {
    const nextOrder =
      column === sort && !searching ? (order === 'asc' ? 'desc' : 'asc') : firstOrderOf(column);
    navigate({ ...list, sort: column, order: nextOrder, cursors: [] });
  }

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
              navigate({ ...list, search: '', status: undefined, cursors: [] });
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
        sorting={{ sort: searching || indexing ? undefined : sort, order, onSort: sortBy }}
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
          <p className="page__subtitle">
            {counts
              ? `${memberCount(counts.total)} in ${organizationName}`
              : `People in ${organizationName}`}
          </p>
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
            placeholder="Name, email or external id"
            value={searchInput}
            onChange={setSearchInput}
          />
          <FilterSelect
            label="Status"
            allLabel="All statuses"
            options={statusOptions(counts)}
            value={status}
            onChange={(next) => navigate({ ...list, status: next, cursors: [] })}
          />
        </TableToolbar>
        {searchInput.trim().length > 0 && searchInput.trim().length < MEMBER_SEARCH_MIN && (
          <p className="toolbar__hint" role="status">
            Type at least {MEMBER_SEARCH_MIN} characters to search.
          </p>
        )}

        {page && members.error !== undefined && !members.isFetching && (
          <Alert tone="error" action={<Button onClick={members.refetch}>Try again</Button>}>
            {describeError(members.error)}
          </Alert>
        )}

        {body}

        {page && page.members.length > 0 && (
          <Pager
            page={cursors.length + 1}
            summary={pageSummary({
              pageIndex: cursors.length,
              pageSize: MEMBERS_PAGE_SIZE,
              shown: page.members.length,
              total: listedTotal,
            })}
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
        <LazyDialog>
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
        </LazyDialog>
      )}
      {dialog === 'csv' && (
        <LazyDialog>
          <CsvImportDialog
            roles={roleList}
            onClose={() => setDialog(undefined)}
            onImported={(notice) => {
              members.refetch();
              toaster.show(notice);
            }}
          />
        </LazyDialog>
      )}
    </div>
  );
}
