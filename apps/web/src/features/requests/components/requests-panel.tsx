// The "Requests" section of the Team page. Admins see the approval inbox (proposals, join
// requests, rows held back by the seat limit) with a count badge, pick requests and approve or
// decline them, one or many at once. Members propose someone and follow their own proposals.
import type { AccessRequest, BulkDecisionResult } from '@app/contracts';
import { lazy, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { LazyDialog } from '@/components/ui/lazy-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { LoadingState } from '@/components/ui/loading-state';
import { TableToolbar } from '@/components/ui/table-parts';
import { useToast } from '@/components/ui/toast';
import { describeError } from '@/lib/error-message';
import { useGrantableRoles } from '../api/list-roles';
import { useRequests } from '../api/list-requests';
import type { DecisionKind } from './decision-dialog';
import { KIND_LABELS, personLabel, STATUS_LOOKS } from './request-labels';

// The dialogs load when opened: the Team screen shows the inbox without them.
const DecisionDialog = lazy(() =>
  import('./decision-dialog').then((module) => ({ default: module.DecisionDialog })),
);
const ProposeDialog = lazy(() =>
  import('./propose-dialog').then((module) => ({ default: module.ProposeDialog })),
);

function decisionNotice(decision: DecisionKind, results: BulkDecisionResult[]): string {
  const decided = results.filter((result) => result.outcome === 'decided').length;
  const refused = results.filter((result) => result.outcome === 'refused');
  const verb = decision === 'approve' ? 'approved (invitation sent)' : 'declined';
  const head =
    results.length === 1 && decided === 1
      ? `${results[0]?.request?.email ?? 'The request'} ${verb}.`
      : `${decided} ${decided === 1 ? 'request' : 'requests'} ${verb}.`;
  if (refused.length === 0) return head;
  const why = refused.map((result) => result.message ?? result.code ?? '').join(' ');
  return `${head} ${refused.length} not decided: ${why}`;
}

export function RequestsPanel({ isAdmin }: { isAdmin: boolean }) {
  const toaster = useToast();
  const requests = useRequests(isAdmin ? 'pending' : 'all');
  const roles = useGrantableRoles(isAdmin);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [dialog, setDialog] = useState<
    { kind: 'propose' } | { kind: DecisionKind; requests: AccessRequest[] } | undefined
  >(undefined);

  const rows = requests.data?.requests ?? [];
  const pendingCount = requests.data?.pendingCount ?? 0;
  const chosen = rows.filter((row) => selected.has(row.id));

  function toggle(id: string) {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  const title = (
    <>
      {isAdmin ? 'Requests' : 'Your proposals'}{' '}
      {isAdmin && pendingCount > 0 && (
        <Badge tone="warning">
          <span aria-label={`${pendingCount} waiting`}>{pendingCount}</span>
        </Badge>
      )}
    </>
  );

  let body;
  if (!requests.data && requests.isFetching) body = <LoadingState label="Loading requests…" />;
  else if (!requests.data)
    body = (
      <Alert tone="error" action={<Button onClick={requests.refetch}>Try again</Button>}>
        {describeError(requests.error)}
      </Alert>
    );
  else if (rows.length === 0)
    body = (
      <EmptyState title={isAdmin ? 'No requests waiting' : 'No proposals yet'}>
        {isAdmin
          ? 'Proposals from members, people asking to join and invites held back by the seat limit land here.'
          : 'Propose someone and an admin decides whether to invite them.'}
      </EmptyState>
    );
  else
    body = (
      <div className="table-wrap">
        <table className="table requests-table" aria-labelledby="requests-heading">
          <thead>
            <tr>
              {isAdmin && (
                <th scope="col">
                  <span className="sr-only">Select</span>
                </th>
              )}
              <th scope="col">Person</th>
              <th scope="col">Request</th>
              <th scope="col">{isAdmin ? 'Note' : 'State'}</th>
              {isAdmin && <th scope="col">Decide</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-testid={`request-row-${row.email}`}>
                {isAdmin && (
                  <td data-label="Select" className="requests-table__select">
                    <input
                      type="checkbox"
                      aria-label={`Select ${row.email}`}
                      checked={selected.has(row.id)}
                      onChange={() => toggle(row.id)}
                    />
                  </td>
                )}
                <td data-label="Person">{personLabel(row)}</td>
                <td data-label="Request">
                  {/* One element: on phones the cell is a label/value grid. */}
                  <span>
                    {KIND_LABELS[row.kind]}
                    {isAdmin && row.kind !== 'join' && (
                      <span className="muted small"> · {row.requestedBy}</span>
                    )}
                  </span>
                </td>
                <td data-label={isAdmin ? 'Note' : 'State'}>
                  {isAdmin ? (
                    row.note || <span className="muted">—</span>
                  ) : (
                    <>
                      <Badge tone={STATUS_LOOKS[row.status].tone}>
                        {STATUS_LOOKS[row.status].label}
                      </Badge>
                      {row.declineReason && (
                        <span className="muted small"> {row.declineReason}</span>
                      )}
                    </>
                  )}
                </td>
                {isAdmin && (
                  <td data-label="Decide">
                    <span className="request-decide">
                      <Button
                        size="sm"
                        variant="primary"
                        aria-label={`Approve ${row.email}`}
                        onClick={() => setDialog({ kind: 'approve', requests: [row] })}
                      >
                        Approve
                      </Button>
                      <Button
                        size="sm"
                        aria-label={`Decline ${row.email}`}
                        onClick={() => setDialog({ kind: 'decline', requests: [row] })}
                      >
                        Decline
                      </Button>
                    </span>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );

  return (
    <section className="card card--flush" aria-labelledby="requests-heading">
      <TableToolbar title={title} titleId="requests-heading">
        {isAdmin && chosen.length > 0 && (
          <>
            <Button
              variant="primary"
              onClick={() => setDialog({ kind: 'approve', requests: chosen })}
            >
              Approve selected ({chosen.length})
            </Button>
            <Button onClick={() => setDialog({ kind: 'decline', requests: chosen })}>
              Decline selected
            </Button>
          </>
        )}
        {!isAdmin && (
          <Button variant="primary" onClick={() => setDialog({ kind: 'propose' })}>
            Propose someone
          </Button>
        )}
      </TableToolbar>
      {body}

      <LazyDialog>
        {dialog?.kind === 'propose' && (
          <ProposeDialog
            onClose={() => setDialog(undefined)}
            onProposed={(request) => {
              setDialog(undefined);
              requests.refetch();
              toaster.show(`Proposal sent: an admin will decide about ${request.email}.`);
            }}
          />
        )}
        {(dialog?.kind === 'approve' || dialog?.kind === 'decline') && (
          <DecisionDialog
            decision={dialog.kind}
            requests={dialog.requests}
            roles={roles.data?.roles ?? []}
            onClose={() => setDialog(undefined)}
            onDecided={(results) => {
              const kind = dialog.kind;
              setDialog(undefined);
              setSelected(new Set());
              requests.refetch();
              const refused = results.some((result) => result.outcome === 'refused');
              toaster.show(decisionNotice(kind, results), { tone: refused ? 'error' : 'success' });
            }}
          />
        )}
      </LazyDialog>
    </section>
  );
}
