// The two tables of the CSV import: the preview of the file, and the report of the import.
import type { BulkInviteEvent, BulkInviteOutcome } from '@app/contracts';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { CsvPreviewRow, CsvRowStatus } from '../lib/csv-preview';

type RowEvent = Extract<BulkInviteEvent, { type: 'row' }>;

const checkLooks: Record<CsvRowStatus, { label: string; tone: BadgeTone }> = {
  ready: { label: 'Ready', tone: 'success' },
  invalid: { label: 'Error', tone: 'danger' },
  duplicate: { label: 'Duplicate', tone: 'warning' },
};

const outcomeLooks: Record<BulkInviteOutcome, { label: string; tone: BadgeTone }> = {
  invited: { label: 'Invited', tone: 'success' },
  already_member: { label: 'Already a member', tone: 'neutral' },
  rejected: { label: 'Rejected', tone: 'danger' },
};

export function CsvPreviewTable({ rows }: { rows: readonly CsvPreviewRow[] }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Rows of the file">
      <table className="table table--compact" aria-label="Import preview">
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Email</th>
            <th scope="col">First name</th>
            <th scope="col">Last name</th>
            <th scope="col">Role</th>
            <th scope="col">Check</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.line}
              className={row.status === 'ready' ? undefined : 'table__row--flagged'}
            >
              <td>{row.line}</td>
              <td className="break-anywhere">
                {row.email || <span className="muted">(empty)</span>}
              </td>
              <td>{row.givenName}</td>
              <td>{row.familyName}</td>
              <td>{row.role || <span className="muted">default</span>}</td>
              <td>
                <Badge tone={checkLooks[row.status].tone}>{checkLooks[row.status].label}</Badge>
                {row.problem && <span className="table__note">{row.problem}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ImportReportTable({ rows }: { rows: readonly RowEvent[] }) {
  const sorted = [...rows].sort((a, b) => a.line - b.line);
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Rows of the report">
      <table className="table table--compact" aria-label="Import report">
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Email</th>
            <th scope="col">Result</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={`${row.line}-${row.email}`}>
              <td>{row.line}</td>
              <td className="break-anywhere">{row.email}</td>
              <td>
                <Badge tone={outcomeLooks[row.outcome].tone}>
                  {outcomeLooks[row.outcome].label}
                </Badge>
              </td>
              <td>{row.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
