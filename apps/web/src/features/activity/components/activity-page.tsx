// The Activity screen (admins only): the organization's audit log with filters and paging kept
// in the URL, and the two exports (the filtered log, and the access review of every member).
import { useSearchParams } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { LoadingState } from '@/components/ui/loading-state';
import { Pager, TableToolbar } from '@/components/ui/table-parts';
import { describeError } from '@/lib/error-message';
import { accessReviewUrl } from '../api/download-access-review';
import { auditExportUrl } from '../api/export-audit-log';
import { useAuditEntries } from '../api/list-audit-entries';
import { useRoleNames } from '../api/list-roles';
import {
  activityFilters,
  EMPTY_ACTIVITY_STATE,
  readActivityListState,
  writeActivityListState,
  type ActivityListState,
} from '../lib/activity-url-state';
import { ActivityFilters } from './activity-filters';
import { AuditTable } from './audit-table';

export const AUDIT_PAGE_SIZE = 50;

export function ActivityPage({ organizationName }: { organizationName: string }) {
  const [params, setParams] = useSearchParams();
  const list = readActivityListState(params);
  const { cursors } = list;
  const filters = activityFilters(list);
  const navigate = (next: ActivityListState) => setParams(writeActivityListState(next));

  const entries = useAuditEntries({
    filters,
    pageSize: AUDIT_PAGE_SIZE,
    pageToken: cursors[cursors.length - 1],
  });
  const roles = useRoleNames();
  const page = entries.data;
  const isFirstPage = cursors.length === 0;
  const filtered = Object.keys(filters).length > 0;

  let body;
  if (!page && entries.isFetching) body = <LoadingState label="Loading activity…" />;
  else if (!page)
    body = (
      <Alert
        tone="error"
        title="The activity could not be loaded"
        action={<Button onClick={entries.refetch}>Try again</Button>}
      >
        {describeError(entries.error)}
      </Alert>
    );
  else if (page.entries.length === 0)
    body = filtered ? (
      <EmptyState
        title="No activity matches"
        action={<Button onClick={() => navigate(EMPTY_ACTIVITY_STATE)}>Clear filters</Button>}
      >
        Try other people, another kind or a wider date range.
      </EmptyState>
    ) : (
      <EmptyState title={isFirstPage ? 'No activity yet' : 'No more activity'}>
        {isFirstPage ? 'Invitations, role changes and removals will show here.' : undefined}
      </EmptyState>
    );
  else
    body = (
      <AuditTable
        entries={page.entries}
        roles={roles.data?.roles ?? []}
        busy={entries.isFetching}
        labelledBy="activity-heading"
      />
    );

  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1 className="page__title">Activity</h1>
          <p className="page__subtitle">Every change to the team of {organizationName}</p>
        </div>
        <div className="page__actions">
          <a className={buttonClass('secondary')} href={accessReviewUrl} download>
            Download access review
          </a>
          <a className={buttonClass('primary')} href={auditExportUrl(filters)} download>
            {filtered ? 'Export filtered CSV' : 'Export CSV'}
          </a>
        </div>
      </header>

      <section className="card card--flush" aria-labelledby="activity-heading">
        <TableToolbar title="Entries" titleId="activity-heading" />
        <ActivityFilters applied={list} onApply={(next) => navigate({ ...next, cursors: [] })} />

        {page && entries.error !== undefined && !entries.isFetching && (
          <Alert tone="error" action={<Button onClick={entries.refetch}>Try again</Button>}>
            {describeError(entries.error)}
          </Alert>
        )}

        {body}

        {page && (!isFirstPage || page.nextPageToken) && (
          <Pager
            page={cursors.length + 1}
            hasPrevious={!isFirstPage}
            hasNext={Boolean(page.nextPageToken)}
            busy={entries.isFetching}
            onPrevious={() => navigate({ ...list, cursors: cursors.slice(0, -1) })}
            onNext={() => {
              const next = page.nextPageToken;
              if (next) navigate({ ...list, cursors: [...cursors, next] });
            }}
          />
        )}
      </section>
    </div>
  );
}
