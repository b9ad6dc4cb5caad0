// The Team screen: the members table with search, status filter and paging; for admins the
// invite and CSV import dialogs and row actions; live updates from the BFF's event stream.
import { MemberStatusSchema, type Member, type MemberStatus } from '@app/contracts';
import { lazy, Suspense, useEffect, useState } from 'react';
import { MEMBERS_PAGE_SIZE, SEARCH_DEBOUNCE_MS } from '@/config/app';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { LoadingState } from '@/components/ui/loading-state';
import { describeError } from '@/lib/error-message';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { useMembers } from '../api/list-members';
import { useRoles } from '../api/list-roles';
import { useTeamEvents } from '../api/subscribe-team-events';
import { applyTeamEvent } from '../lib/apply-team-event';
import { countsOfFinished, importSummary } from '../lib/import-summary';
import { InviteDialog } from './invite-dialog';
import { statusLabel } from './member-status-badge';
import { MembersTable } from './members-table';

// Papaparse and the import screens load only when an admin opens the dialog.
const loadCsvImportDialog = () => import('./csv-import-dialog');
const CsvImportDialog = lazy(() =>
  loadCsvImportDialog().then((module) => ({ default: module.CsvImportDialog })),
);

const STATUS_OPTIONS = MemberStatusSchema.options;

export function TeamPage({
  currentUserId,
  isAdmin,
  organizationName,
  onOwnMembershipChanged,
}: {
  currentUserId: string;
  isAdmin: boolean;
  organizationName: string;
  /** The signed-in person changed their own membership (their role): their session changed too. */
  onOwnMembershipChanged: () => void;
}) {
  const [searchInput, setSearchInput] = useState('');
  const search = useDebouncedValue(searchInput, SEARCH_DEBOUNCE_MS);
  const [status, setStatus] = useState<MemberStatus | undefined>(undefined);
  // Tokens of the pages visited so far under the current filters; the last one is on screen.
  const filterKey = `${status ?? ''}|${search}`;
  const [paging, setPaging] = useState<{ filterKey: string; tokens: (string | undefined)[] }>({
    filterKey,
    tokens: [undefined],
  });
  const pageTokens = paging.filterKey === filterKey ? paging.tokens : [undefined];
  const setPageTokens = (update: (tokens: (string | undefined)[]) => (string | undefined)[]) =>
    setPaging({ filterKey, tokens: update(pageTokens) });
  const [dialog, setDialog] = useState<'invite' | 'csv' | undefined>(undefined);
  const [notice, setNotice] = useState('');

  const pageToken = pageTokens[pageTokens.length - 1];
  const isFirstPage = pageTokens.length === 1;
  const members = useMembers({ status, search, pageSize: MEMBERS_PAGE_SIZE, pageToken });
  const roles = useRoles(isAdmin);
  const roleList = roles.data?.roles ?? [];

  useEffect(() => {
    if (isAdmin) void loadCsvImportDialog().catch(() => undefined);
  }, [isAdmin]);

  useTeamEvents(
    (event) => {
      const before = members.data?.members.find((member) => member.userId === event.userId);
      members.setData((page) => applyTeamEvent(page, event, { isFirstPage, status, search }));
      if (event.member && before && before.status !== event.member.status) {
        setNotice(`${event.member.email} is now ${statusLabel(event.member.status)}.`);
      }
    },
    // The stream gave up: reload, which also sends a signed-out person to sign in.
    () => members.refetch(),
  );

  function replaceMember(member: Member, message: string) {
    members.setData(
      (page) =>
        page && {
          ...page,
          members: page.members.map((row) => (row.userId === member.userId ? member : row)),
        },
    );
    setNotice(message);
    if (member.userId === currentUserId) onOwnMembershipChanged();
  }

  const page = members.data;
  const filtered = status !== undefined || search.trim() !== '';

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
  else if (page.members.length === 0)
    body = filtered ? (
      <EmptyState
        title="No members match"
        action={
          <Button
            onClick={() => {
              setSearchInput('');
              setStatus(undefined);
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
        members={page.members}
        roles={roleList}
        currentUserId={currentUserId}
        isAdmin={isAdmin}
        busy={members.isFetching}
        labelledBy="members-heading"
        onUpdated={replaceMember}
        onRemoved={(result, message) => {
          members.setData(
            (current) =>
              current && {
                ...current,
                members: current.members.filter((row) => row.userId !== result.userId),
              },
          );
          setNotice(message);
        }}
      />
    );

  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1 className="page__title">Team</h1>
          <p className="page__subtitle">People in {organizationName}</p>
        </div>
        {isAdmin && (
          <div className="page__actions">
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

      <div className="notice" role="status" aria-live="polite">
        {notice && (
          <p className="notice__text">
            <span>{notice}</span>
            <button type="button" className="link-button" onClick={() => setNotice('')}>
              Dismiss
            </button>
          </p>
        )}
      </div>

      <section className="card card--flush" aria-labelledby="members-heading">
        <div className="toolbar">
          <h2 className="toolbar__title" id="members-heading">
            Members
          </h2>
          <div className="toolbar__controls">
            <label className="sr-only" htmlFor="member-search">
              Search members
            </label>
            <input
              id="member-search"
              type="search"
              className="input"
              placeholder="Search by name or email"
              value={searchInput}
              onChange={(event) => setSearchInput(event.target.value)}
            />
            <label className="sr-only" htmlFor="member-status">
              Status
            </label>
            <select
              id="member-status"
              className="input select"
              value={status ?? ''}
              onChange={(event) => {
                const parsed = MemberStatusSchema.safeParse(event.target.value);
                setStatus(parsed.success ? parsed.data : undefined);
              }}
            >
              <option value="">All statuses</option>
              {STATUS_OPTIONS.map((option) => (
                <option key={option} value={option}>
                  {statusLabel(option)}
                </option>
              ))}
            </select>
          </div>
        </div>

        {page && members.error !== undefined && !members.isFetching && (
          <Alert tone="error" action={<Button onClick={members.refetch}>Try again</Button>}>
            {describeError(members.error)}
          </Alert>
        )}

        {body}

        {page && (!isFirstPage || page.nextPageToken) && (
          <nav className="pager" aria-label="Pages">
            <Button
              size="sm"
              disabled={isFirstPage || members.isFetching}
              onClick={() => setPageTokens((tokens) => tokens.slice(0, -1))}
            >
              Previous page
            </Button>
            <span className="pager__label">Page {pageTokens.length}</span>
            <Button
              size="sm"
              disabled={!page.nextPageToken || members.isFetching}
              onClick={() => {
                const next = page.nextPageToken;
                if (next) setPageTokens((tokens) => [...tokens, next]);
              }}
            >
              Next page
            </Button>
          </nav>
        )}
      </section>

      {dialog === 'invite' && (
        <InviteDialog
          roles={roleList}
          onClose={() => setDialog(undefined)}
          onInvited={(invited, stillOpen) => {
            members.refetch();
            setNotice(
              invited.length === 1
                ? `Invitation sent to ${invited[0]?.email ?? ''}.`
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
              setNotice(`Import finished: ${importSummary(countsOfFinished(summary))}.`);
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
