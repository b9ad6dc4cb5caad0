// The "Invite people" dialog: one or several addresses, optional names, a role (and for one
// address an external id and metadata); checked with the contracts' schema as the admin types.
// One address is one invitation; several go as one bulk request (a CSV built here), with the
// import's progress and a result for each address.
import {
  InviteMemberBodySchema,
  type BulkInviteEvent,
  type InviteMemberBody,
  type Role,
} from '@app/contracts';
import { useMemo, useState } from 'react';
import { INVITE_DIALOG_MAX_EMAILS } from '@/config/app';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { ProgressBar } from '@/components/ui/progress-bar';
import { ApiError } from '@/lib/api-error';
import { describeError } from '@/lib/error-message';
import { bulkInviteMembers } from '../api/bulk-invite-members';
import { inviteMember } from '../api/invite-member';
import { inviteEntriesCsv } from '../lib/invite-entries-csv';
import { parseInviteEntries, type InviteEntry } from '../lib/parse-invite-entries';
import { metadataOfRows, MetadataRows, type MetadataRow } from './metadata-rows';
import { defaultRoleName, RoleSelect } from './role-select';

interface Failure {
  entry: InviteEntry;
  message: string;
}

interface Outcome {
  sent: number;
  failures: Failure[];
  /** Set when the rate limit stopped the run; the rest were not sent. */
  stoppedBy: string | undefined;
}

function failureMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'already_member') return 'is already a member of your organization';
    if (error.code === 'validation_failed' && error.issues.length > 0)
      return error.issues.map((issue) => issue.message).join('; ');
  }
  return describeError(error);
}

interface FieldErrors {
  emailError: string | undefined;
  nameError: string | undefined;
  externalIdError?: string | undefined;
  metadataError?: string | undefined;
}

type Validation =
  { ok: true; bodies: InviteMemberBody[]; entries: InviteEntry[] } | ({ ok: false } & FieldErrors);

/** What only a single invitation carries: the other system's id and the metadata. */
interface SingleExtras {
  externalId: string;
  metadata: Record<string, string> | undefined;
}

function validate(
  text: string,
  role: string,
  givenName: string,
  familyName: string,
  extras: SingleExtras,
): Validation {
  const entries = parseInviteEntries(text);
  if (entries.length === 0)
    return { ok: false, emailError: 'Enter at least one email address.', nameError: undefined };
  if (entries.length > INVITE_DIALOG_MAX_EMAILS)
    return {
      ok: false,
      emailError: `At most ${INVITE_DIALOG_MAX_EMAILS} addresses at once. Use "Import CSV" for more.`,
      nameError: undefined,
    };
  const single = entries.length === 1;
  const emailProblems: string[] = [];
  const errors: FieldErrors = { emailError: undefined, nameError: undefined };
  const bodies: InviteMemberBody[] = [];
  for (const entry of entries) {
    const result = InviteMemberBodySchema.safeParse({
      email: entry.email,
      givenName: (single && givenName.trim()) || entry.givenName,
      familyName: (single && familyName.trim()) || entry.familyName,
      role,
      ...(single && extras.externalId.trim() !== '' ? { externalId: extras.externalId } : {}),
      ...(single && extras.metadata ? { metadata: extras.metadata } : {}),
    });
    if (result.success) {
      bodies.push(result.data);
      continue;
    }
    for (const issue of result.error.issues) {
      if (issue.path[0] === 'email') emailProblems.push(`"${entry.email}": ${issue.message}`);
      else if (issue.path[0] === 'givenName' || issue.path[0] === 'familyName')
        errors.nameError = `Name: ${issue.message}`;
      else if (issue.path[0] === 'externalId') errors.externalIdError = issue.message;
      else if (issue.path[0] === 'metadata')
        errors.metadataError = [errors.metadataError, issue.message].filter(Boolean).join('. ');
      else emailProblems.push(issue.message);
    }
  }
  errors.emailError = emailProblems.join(' ') || undefined;
  if (Object.values(errors).some((error) => error !== undefined)) return { ok: false, ...errors };
  return { ok: true, bodies, entries };
}

export function InviteDialog({
  roles,
  onInvited,
  onClose,
}: {
  roles: readonly Role[];
  /** Called after a run that invited at least one person, with their addresses. */
  onInvited: (emails: string[], stillOpen: boolean) => void;
  onClose: () => void;
}) {
  const [text, setText] = useState('');
  const [givenName, setGivenName] = useState('');
  const [familyName, setFamilyName] = useState('');
  const [role, setRole] = useState(() => defaultRoleName(roles));
  const [externalId, setExternalId] = useState('');
  const [metadataRows, setMetadataRows] = useState<MetadataRow[]>([]);
  const [submitted, setSubmitted] = useState(false);
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>(undefined);

  const validation = useMemo(
    () =>
      validate(text, role, givenName, familyName, {
        externalId,
        metadata: metadataOfRows(metadataRows),
      }),
    [text, role, givenName, familyName, externalId, metadataRows],
  );
  const entryCount = useMemo(() => parseInviteEntries(text).length, [text]);
  const showErrors = submitted && !validation.ok;

  function finish(invited: string[], failures: Failure[], stoppedBy: string | undefined) {
    setSending(false);
    setProgress(undefined);
    if (invited.length > 0) onInvited(invited, failures.length > 0);
    if (failures.length === 0) return; // the parent closes the dialog
    // Keep only what failed, so "Send invitations" retries exactly those.
    setText(failures.map((failure) => failure.entry.source).join('\n'));
    setSubmitted(false);
    setOutcome({ sent: invited.length, failures, stoppedBy });
  }

  async function sendOne(body: InviteMemberBody, entry: InviteEntry) {
    try {
      const member = await inviteMember(body);
      finish([member.email], [], undefined);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'unauthenticated') return;
      const stoppedBy =
        error instanceof ApiError && error.code === 'rate_limited'
          ? describeError(error)
          : undefined;
      finish(
        [],
        [{ entry, message: stoppedBy ? 'was not sent' : failureMessage(error) }],
        stoppedBy,
      );
    }
  }

  /** Several addresses: one bulk request; row `line` of the CSV is entry `line - 2`. */
  async function sendMany(bodies: InviteMemberBody[], entries: InviteEntry[]) {
    setProgress({ done: 0, total: bodies.length });
    const rows: Extract<BulkInviteEvent, { type: 'row' }>[] = [];
    let finished: Extract<BulkInviteEvent, { type: 'finished' }> | undefined;
    let stoppedBy: string | undefined;
    try {
      await bulkInviteMembers(inviteEntriesCsv(bodies), role, (event) => {
        if (event.type === 'started') setProgress({ done: 0, total: event.total });
        else if (event.type === 'row') {
          rows.push(event);
          setProgress({ done: event.done, total: event.total });
        } else finished = event;
      });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'unauthenticated') return;
      stoppedBy = describeError(error);
    }
    if (finished?.interrupted) stoppedBy ??= 'The invitations stopped before the last address.';
    const reported = new Map(rows.map((row) => [row.line, row]));
    const invited: string[] = [];
    const failures: Failure[] = [];
    entries.forEach((entry, index) => {
      const row = reported.get(index + 2);
      if (row?.outcome === 'invited') invited.push(row.email);
      else failures.push({ entry, message: row ? (row.reason ?? 'was not sent') : 'was not sent' });
    });
    finish(invited, failures, stoppedBy);
  }

  async function submit() {
    setSubmitted(true);
    if (!validation.ok || sending) return;
    setSending(true);
    setOutcome(undefined);
    const [body] = validation.bodies;
    const [entry] = validation.entries;
    if (validation.bodies.length === 1 && body && entry) await sendOne(body, entry);
    else await sendMany(validation.bodies, validation.entries);
  }

  return (
    <Dialog
      title="Invite people"
      description="They get an email with a link to join your organization."
      onClose={onClose}
      closeDisabled={sending}
      footer={
        <>
          <Button onClick={onClose} disabled={sending}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form="invite-form" isLoading={sending}>
            Send invitations
          </Button>
        </>
      }
    >
      <form
        id="invite-form"
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {progress && (
          <div className="import-progress">
            <ProgressBar label="Invitations sent" value={progress.done} max={progress.total} />
          </div>
        )}
        {outcome && (
          <Alert
            tone="error"
            title={
              outcome.sent > 0
                ? `${outcome.sent} sent; ${outcome.failures.length} not sent`
                : `${outcome.failures.length === 1 ? 'The invitation was' : 'The invitations were'} not sent`
            }
          >
            {outcome.stoppedBy && <p>{outcome.stoppedBy}</p>}
            <ul className="plain-list">
              {outcome.failures.map((failure) => (
                <li key={failure.entry.source}>
                  <strong className="break-anywhere">{failure.entry.email}</strong>{' '}
                  {failure.message}
                </li>
              ))}
            </ul>
          </Alert>
        )}
        <Field
          label="Email addresses"
          hint="Separate addresses with commas or new lines. To add a name, write Ada Lovelace <ada@example.com>."
          error={showErrors ? validation.emailError : undefined}
        >
          {(props) => (
            <textarea
              {...props}
              className="input textarea"
              rows={4}
              value={text}
              data-autofocus
              autoComplete="off"
              spellCheck={false}
              placeholder="ada@example.com, grace@example.com"
              onChange={(event) => setText(event.target.value)}
            />
          )}
        </Field>
        {entryCount <= 1 && (
          <div className="form__row">
            <Field label="First name" optional>
              {(props) => (
                <input
                  {...props}
                  className="input"
                  value={givenName}
                  autoComplete="off"
                  onChange={(event) => setGivenName(event.target.value)}
                />
              )}
            </Field>
            <Field label="Last name" optional error={showErrors ? validation.nameError : undefined}>
              {(props) => (
                <input
                  {...props}
                  className="input"
                  value={familyName}
                  autoComplete="off"
                  onChange={(event) => setFamilyName(event.target.value)}
                />
              )}
            </Field>
          </div>
        )}
        {entryCount <= 1 && (
          <>
            <Field
              label="External id"
              optional
              hint="The id your CRM or HR system knows this person by, e.g. crm-user-87425."
              error={showErrors && !validation.ok ? validation.externalIdError : undefined}
            >
              {(props) => (
                <input
                  {...props}
                  className="input"
                  value={externalId}
                  autoComplete="off"
                  spellCheck={false}
                  onChange={(event) => setExternalId(event.target.value)}
                />
              )}
            </Field>
            <MetadataRows
              rows={metadataRows}
              error={showErrors && !validation.ok ? validation.metadataError : undefined}
              onChange={setMetadataRows}
            />
          </>
        )}
        {entryCount > 1 && !validation.ok && showErrors && validation.nameError && (
          <p className="field__error">{validation.nameError}</p>
        )}
        <RoleSelect roles={roles} value={role} onChange={setRole} />
      </form>
    </Dialog>
  );
}
