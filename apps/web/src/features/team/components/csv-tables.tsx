// The two tables of the CSV import: the preview of the file, and the report of the import.
import type { BulkInviteEvent, BulkInviteOutcome } from '@app/contracts';
import { useId, useState } from 'react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { CsvPreviewRow, CsvRowStatus } from '../lib/csv-preview';
import { reportOrder } from '../lib/import-summary';

type RowEvent = Extract<BulkInviteEvent, { type: 'row' }>;

const checkLooks: Record<CsvRowStatus, { label: string; tone: BadgeTone }> = {
  ready: { label: 'Ready', tone: 'success' },
  invalid: { label: 'Error', tone: 'danger' },
  duplicate: { label: 'Duplicate', tone: 'warning' },
  member: { label: 'Already in team', tone: 'neutral' },
};

const outcomeLooks: Record<BulkInviteOutcome, { label: string; tone: BadgeTone }> = {
  invited: { label: 'Invited', tone: 'success' },
  already_member: { label: 'Skipped', tone: 'neutral' },
  rejected: { label: 'Rejected', tone: 'danger' },
  queued: { label: 'To approval inbox', tone: 'warning' },
};

export function CsvPreviewTable({ rows }: { rows: readonly CsvPreviewRow[] }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Rows of the file">
      <table className="table table--compact table--cards" aria-label="Import preview">
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
              <td data-label="Line">{row.line}</td>
              <td data-label="Email" className="break-anywhere">
                {row.email || <span className="muted">(empty)</span>}
              </td>
              <td data-label="First name">{row.givenName}</td>
              <td data-label="Last name">{row.familyName}</td>
              <td data-label="Role">{row.role || <span className="muted">default</span>}</td>
              <td data-label="Check">
                <span>
                  <Badge tone={checkLooks[row.status].tone}>{checkLooks[row.status].label}</Badge>
                  {row.problem && <span className="table__note">{row.problem}</span>}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** When the BFF gives no reason, what each outcome means. */
const defaultReasons: Record<BulkInviteOutcome, string> = {
  invited: '',
  already_member: 'Already a member',
  rejected: 'Rejected',
  queued: 'Sent to the approval inbox',
};

export function ImportReportTable({ rows }: { rows: readonly RowEvent[] }) {
  const [problemsOnly, setProblemsOnly] = useState(false);
  const toggleId = useId();
  const problems = rows.filter((row) => row.outcome !== 'invited').length;
  const shown = reportOrder(rows).filter((row) => !problemsOnly || row.outcome !== 'invited');
  return (
    <>
      {problems > 0 && problems < rows.length && (
        <label className="checkbox" htmlFor={toggleId}>
          <input
            id={toggleId}
            type="checkbox"
            checked={problemsOnly}
            onChange={(event) => setProblemsOnly(event.target.checked)}
          />
          Show problems only ({problems})
        </label>
      )}
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Rows of the report">
        <table className="table table--compact table--cards" aria-label="Import report">
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Email</th>
              <th scope="col">Result</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr
                key={`${row.line}-${row.email}`}
                className={row.outcome === 'invited' ? undefined : 'table__row--flagged'}
              >
                <td data-label="Line">{row.line}</td>
                <td data-label="Email" className="break-anywhere">
                  {row.email}
                </td>
                <td data-label="Result">
                  <Badge tone={outcomeLooks[row.outcome].tone}>
                    {outcomeLooks[row.outcome].label}
                  </Badge>
                </td>
                <td data-label="Reason">{row.reason ?? defaultReasons[row.outcome]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
