// The delivery log: each event sent to the endpoint with its state, attempts, the endpoint's
// answer and when the next retry is due. While something is still pending it refreshes itself.
import type { WebhookDelivery } from '@app/contracts';
import { useEffect } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { LoadingState } from '@/components/ui/loading-state';
import { TableToolbar } from '@/components/ui/table-parts';
import { describeError } from '@/lib/error-message';
import { formatDateTime, formatRelative } from '@/lib/format';
import { useWebhookDeliveries } from '../api/list-webhook-deliveries';
import { deliveryAnswer, deliveryState } from '../lib/delivery-text';

/** How often the log looks again while a delivery is queued or retrying. */
export const PENDING_REFRESH_MS = 2000;

function Time({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso)}
    </time>
  );
}

function DeliveryRow({ delivery }: { delivery: WebhookDelivery }) {
  const state = deliveryState(delivery);
  return (
    <tr>
      <td>
        <code>{delivery.eventType}</code>
      </td>
      <td>
        <Badge tone={state.tone}>{state.label}</Badge>
      </td>
      <td>{delivery.attempts}</td>
      <td className="break-anywhere">{deliveryAnswer(delivery)}</td>
      <td>{delivery.nextAttemptAt === null ? '—' : <Time iso={delivery.nextAttemptAt} />}</td>
      <td>
        <Time iso={delivery.createdAt} />
      </td>
    </tr>
  );
}

export function DeliveryLog({ refreshKey }: { refreshKey: number }) {
  const log = useWebhookDeliveries(true);
  const { refetch } = log;
  const deliveries = log.data?.deliveries;
  const pending = deliveries?.some((delivery) => delivery.status === 'pending') ?? false;

  // A test event was just queued: show it at once.
  useEffect(() => {
    if (refreshKey > 0) refetch();
  }, [refreshKey, refetch]);

  useEffect(() => {
    if (!pending || log.isFetching) return;
    const timer = setTimeout(refetch, PENDING_REFRESH_MS);
    return () => clearTimeout(timer);
  }, [pending, log.isFetching, refetch]);

  let body;
  if (deliveries === undefined && log.isFetching)
    body = <LoadingState label="Loading deliveries…" />;
  else if (deliveries === undefined)
    body = (
      <Alert tone="error" action={<Button onClick={refetch}>Try again</Button>}>
        {describeError(log.error)}
      </Alert>
    );
  else if (deliveries.length === 0)
    body = (
      <EmptyState title="Nothing sent yet">
        Invitations, joins, role changes and removals are sent here as they happen.
      </EmptyState>
    );
  else
    body = (
      <div className="table-wrap">
        <table
          className="table table--compact"
          aria-labelledby="deliveries-heading"
          aria-busy={log.isFetching || undefined}
        >
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Answer</th>
              <th scope="col">Next retry</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((delivery) => (
              <DeliveryRow key={delivery.id} delivery={delivery} />
            ))}
          </tbody>
        </table>
      </div>
    );

  return (
    <section className="card card--flush" aria-labelledby="deliveries-heading">
      <TableToolbar title="Deliveries" titleId="deliveries-heading">
        <Button size="sm" onClick={refetch} isLoading={log.isFetching && deliveries !== undefined}>
          Refresh
        </Button>
      </TableToolbar>
      {body}
    </section>
  );
}
