// The "Import CSV" dialog: pick or drop a file, check every row before sending (the file here,
// then the BFF's dry-run of the import's own rules, so "Ready" means "will be invited"), watch the
// progress while the BFF invites, then read the per-row report and download the failed rows
// (and, after an interrupted import, the rows never attempted).
import {
  BULK_INVITE_MAX_BYTES,
  BULK_INVITE_MAX_ROWS,
  type BulkInviteEvent,
  type BulkInvitePreviewResponse,
  type Role,
} from '@app/contracts';
import { useEffect, useId, useState, type DragEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClass } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ProgressBar } from '@/components/ui/progress-bar';
import { ApiError } from '@/lib/api-error';
import { downloadFile } from '@/lib/download-file';
import { describeError } from '@/lib/error-message';
import { SeatForecast, type OverSeatLimit } from '@/features/seats/components/seat-forecast';
import { bulkInviteMembers } from '../api/bulk-invite-members';
import { previewBulkInvite } from '../api/preview-bulk-invite';
import { buildCsvPreview, withVerdicts, type CsvPreview } from '../lib/csv-preview';
import { downloadName, failedRowsCsv, notAttemptedRowsCsv } from '../lib/failed-rows-csv';
import {
  countOutcomes,
  countsOfFinished,
  importNotice,
  importSummary,
  interruptionSentence,
} from '../lib/import-summary';
import { CsvPreviewTable, ImportReportTable } from './csv-tables';
import { defaultRoleName, RoleSelect } from './role-select';

type RowEvent = Extract<BulkInviteEvent, { type: 'row' }>;
type Finished = Extract<BulkInviteEvent, { type: 'finished' }>;

interface Loaded {
  fileName: string;
  text: string;
  preview: CsvPreview;
}

/** The BFF's dry-run of the loaded file with the chosen default role. */
type Verdicts =
  | { state: 'checking' }
  | { state: 'done'; verdicts: BulkInvitePreviewResponse }
  | { state: 'failed'; error: unknown };

const TEMPLATE = 'email,first name,last name,role\r\nada@example.com,Ada,Lovelace,member\r\n';

export function CsvImportDialog({
  roles,
  onImported,
  onClose,
}: {
  roles: readonly Role[];
  /** Called once the import finished, so the member list can reload. */
  /** The import finished (or was interrupted): the one-line notice the page shows. */
  onImported: (notice: string) => void;
  onClose: () => void;
}) {
  const [loaded, setLoaded] = useState<Loaded | undefined>(undefined);
  const [fileError, setFileError] = useState<string | undefined>(undefined);
  const fileInputId = useId();
  const [dragging, setDragging] = useState(false);
  const [defaultRole, setDefaultRole] = useState(() => defaultRoleName(roles));
  const [importing, setImporting] = useState(false);
  const [progress, setProgress] = useState({ done: 0, total: 0 });
  const [results, setResults] = useState<RowEvent[]>([]);
  const [finished, setFinished] = useState<Finished | undefined>(undefined);
  const [importError, setImportError] = useState<unknown>(undefined);
  const [verdicts, setVerdicts] = useState<Verdicts>({ state: 'checking' });
  const [checkAgain, setCheckAgain] = useState(0);
  const [overSeatLimit, setOverSeatLimit] = useState<OverSeatLimit>('invite_fitting');
  const loadedText = loaded?.text;

  useEffect(() => {
    if (loadedText === undefined) return;
    const controller = new AbortController();
    setVerdicts({ state: 'checking' });
    previewBulkInvite(loadedText, defaultRole, controller.signal).then(
      (answer) => setVerdicts({ state: 'done', verdicts: answer }),
      (error: unknown) => {
        if (!controller.signal.aborted) setVerdicts({ state: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [loadedText, defaultRole, checkAgain]);

  const preview =
    loaded && verdicts.state === 'done'
      ? withVerdicts(loaded.preview, verdicts.verdicts)
      : loaded?.preview;

  async function readFile(file: File | undefined) {
    if (!file) return;
    setFileError(undefined);
    setLoaded(undefined);
    if (file.size > BULK_INVITE_MAX_BYTES) {
      setFileError(
        `"${file.name}" is larger than ${Math.round(BULK_INVITE_MAX_BYTES / 1024)} KB. Split it into smaller files.`,
      );
      return;
    }
    const text = await file.text();
    const result = buildCsvPreview(text);
    if (!result.ok) setFileError(`"${file.name}": ${result.error}`);
    else setLoaded({ fileName: file.name, text, preview: result.preview });
  }

  function onDrop(event: DragEvent<HTMLLabelElement>) {
    event.preventDefault();
    setDragging(false);
    void readFile(event.dataTransfer.files[0]);
  }

  async function startImport() {
    if (!loaded) return;
    setImporting(true);
    setImportError(undefined);
    setResults([]);
    setProgress({ done: 0, total: loaded.preview.rows.length });
    const received: RowEvent[] = [];
    try {
      await bulkInviteMembers(
        loaded.text,
        defaultRole,
        (event) => {
          if (event.type === 'started') setProgress({ done: 0, total: event.total });
          else if (event.type === 'row') {
            received.push(event);
            setResults([...received]);
            setProgress({ done: event.done, total: event.total });
          } else {
            setFinished(event);
            onImported(importNotice(event));
          }
        },
        undefined,
        // The BFF's default otherwise: the request stays as it always was.
        overSeatLimit === 'invite_fitting' ? undefined : overSeatLimit,
      );
    } catch (error) {
      if (error instanceof ApiError && error.code === 'unauthenticated') return;
      setImportError(error);
    } finally {
      setImporting(false);
    }
  }

  function reset() {
    setLoaded(undefined);
    setFinished(undefined);
    setResults([]);
    setImportError(undefined);
    setFileError(undefined);
  }

  const rejected = results.filter((row) => row.outcome === 'rejected');
  const started = importing || finished !== undefined || results.length > 0;
  const interruption = finished && interruptionSentence(finished);

  function downloadRows(prefix: string, content: string) {
    if (!loaded) return;
    downloadFile(downloadName(prefix, loaded.fileName), content, 'text/csv;charset=utf-8');
  }

  let footer;
  if (finished) {
    footer = (
      <>
        {rejected.length > 0 && loaded && (
          <Button
            onClick={() => downloadRows('failed-rows', failedRowsCsv(loaded.preview, rejected))}
          >
            Download failed rows
          </Button>
        )}
        {finished.notAttempted > 0 && loaded && (
          <Button
            onClick={() =>
              downloadRows('not-attempted', notAttemptedRowsCsv(loaded.preview, results))
            }
          >
            Download rows not attempted
          </Button>
        )}
        <Button onClick={reset}>Import another file</Button>
        <Button variant="primary" onClick={onClose}>
          Done
        </Button>
      </>
    );
  } else if (loaded) {
    footer = (
      <>
        <Button onClick={reset} disabled={importing}>
          Choose another file
        </Button>
        <Button
          variant="primary"
          isLoading={importing}
          disabled={verdicts.state !== 'done' || preview?.ready === 0}
          onClick={() => void startImport()}
        >
          {importError ? 'Try again' : 'Start import'}
        </Button>
      </>
    );
  } else {
    footer = <Button onClick={onClose}>Cancel</Button>;
  }

  return (
    <Dialog
      title="Import CSV"
      description="Invite many people at once from a spreadsheet. Nothing is sent until you start the import."
      size="lg"
      onClose={onClose}
      closeDisabled={importing}
      footer={footer}
    >
      {!loaded && (
        <>
          {/* The whole drop zone is the file picker's label: click it, or drop a file on it. */}
          <label
            htmlFor={fileInputId}
            className={`dropzone${dragging ? ' dropzone--active' : ''}${fileError ? ' dropzone--invalid' : ''}`}
            data-testid="csv-dropzone"
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
          >
            <span className="dropzone__title">Drop a CSV file here</span>
            <span className={buttonClass('secondary', 'sm')} aria-hidden="true">
              Choose a file
            </span>
            <span className="dropzone__hint" id={`${fileInputId}-hint`}>
              A header row with an &quot;email&quot; column; optional &quot;first name&quot;,
              &quot;last name&quot; and &quot;role&quot; columns. Up to{' '}
              {BULK_INVITE_MAX_ROWS.toLocaleString()} rows.
            </span>
            <input
              id={fileInputId}
              type="file"
              accept=".csv,text/csv"
              className="sr-only"
              aria-label="CSV file"
              aria-describedby={`${fileInputId}-hint${fileError ? ` ${fileInputId}-error` : ''}`}
              aria-invalid={fileError ? true : undefined}
              data-autofocus
              onChange={(event) => void readFile(event.target.files?.[0])}
            />
          </label>
          {fileError && (
            <p className="field__error" id={`${fileInputId}-error`}>
              {fileError}
            </p>
          )}
          <p className="muted small">
            <button
              type="button"
              className="link-button"
              onClick={() =>
                downloadFile('invitations-template.csv', TEMPLATE, 'text/csv;charset=utf-8')
              }
            >
              Download a template
            </button>
          </p>
        </>
      )}

      {loaded && preview && !started && (
        <>
          {verdicts.state === 'checking' && (
            <p className="muted small" role="status">
              Checking the rows against your organization…
            </p>
          )}
          {verdicts.state === 'failed' && (
            <Alert tone="error" title="The rows could not be checked">
              {describeError(verdicts.error)}{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => setCheckAgain((count) => count + 1)}
              >
                Check again
              </button>
            </Alert>
          )}
          {verdicts.state === 'done' && (
            <Alert
              tone={preview.ready === preview.rows.length ? 'success' : 'warning'}
              title={`${loaded.fileName}: ${preview.rows.length} ${preview.rows.length === 1 ? 'row' : 'rows'}`}
            >
              {preview.ready} will be invited
              {preview.invalid > 0 && `, ${preview.invalid} with errors`}
              {preview.member > 0 && `, ${preview.member} already in the team`}
              {preview.duplicate > 0 && `, ${preview.duplicate} duplicate`}.
              {preview.invalid > 0 &&
                ' Rows with errors will be rejected: download them after the import, fix them and import them again.'}
              {preview.duplicate + preview.member > 0 &&
                ' Duplicates and people already in the team are skipped: each person is invited once.'}
            </Alert>
          )}
          {verdicts.state === 'done' && (
            <SeatForecast
              incoming={preview.ready}
              choice={overSeatLimit}
              onChoose={setOverSeatLimit}
            />
          )}
          <RoleSelect
            label="Default role"
            roles={roles}
            value={defaultRole}
            onChange={setDefaultRole}
            hint='For rows whose "role" cell is empty.'
          />
          <CsvPreviewTable rows={preview.rows} />
        </>
      )}

      {started && (
        <div className="import-progress">
          <ProgressBar label="Import progress" value={progress.done} max={progress.total} />
          <p className="muted small" aria-live="polite">
            {importSummary(countOutcomes(results), { brief: true })}
          </p>
        </div>
      )}

      {importError !== undefined && (
        <Alert tone="error" title="The import did not finish">
          {describeError(importError)}
          {results.length > 0 &&
            ' The rows below were processed; importing the same file again invites nobody twice.'}
        </Alert>
      )}

      {finished && (
        <Alert
          tone={finished.rejected > 0 || interruption ? 'warning' : 'success'}
          title={interruption ? 'Import interrupted' : 'Import finished'}
        >
          {importSummary(countsOfFinished(finished))}.
          {interruption &&
            ` ${interruption} Download them and import them again; nobody is invited twice.`}
        </Alert>
      )}

      {(finished || importError !== undefined) && results.length > 0 && (
        <ImportReportTable rows={results} />
      )}
    </Dialog>
  );
}
