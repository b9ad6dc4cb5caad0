// The audit entries as a table: when (relative, the exact time on hover), who, what happened in
// plain words, from where, and the client IP. On phones each entry becomes a card.
import type { AuditEntry, Role } from '@app/contracts';
import { formatDateTime, formatRelative } from '@/lib/format';
import { actorLabel, describeEntry, SOURCE_LABELS } from '../lib/describe-entry';

export function AuditTable({
  entries,
  roles,
  busy,
  labelledBy,
}: {
  entries: readonly AuditEntry[];
  roles: readonly Role[];
  busy: boolean;
  labelledBy: string;
}) {
  return (
    <div className="table-wrap">
      <table
        className="table audit-table"
        aria-labelledby={labelledBy}
        aria-busy={busy || undefined}
      >
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Changed by</th>
            <th scope="col">What happened</th>
            <th scope="col">Source</th>
            <th scope="col">IP address</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-testid={`audit-row-${entry.id}`}>
              <td data-label="Time" className="audit-table__nowrap">
                <time dateTime={entry.occurredAt} title={formatDateTime(entry.occurredAt)}>
                  {formatRelative(entry.occurredAt)}
                </time>
              </td>
              <td data-label="Changed by" className="break-anywhere">
                {actorLabel(entry.actor)}
              </td>
              <td data-label="What happened" className="audit-table__what break-anywhere">
                {describeEntry(entry, roles)}
              </td>
              <td data-label="Source" className="audit-table__nowrap">
                {SOURCE_LABELS[entry.source]}
              </td>
              <td data-label="IP address" className="audit-table__ip">
                {entry.ip ?? <span className="muted">—</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
