// The Activity filters: who acted, whom it was about, what kind of change and which days. They
// apply together on "Apply filters" (or Enter), so half-typed addresses never reach the BFF.
import { AuditKindSchema, type AuditKind } from '@app/contracts';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { KIND_LABELS } from '../lib/describe-entry';
import {
  readPerson,
  writeActivityListState,
  type ActivityListState,
} from '../lib/activity-url-state';

type Draft = Pick<ActivityListState, 'actor' | 'member' | 'from' | 'to'> & { kind: string };
type PersonField = 'actor' | 'member';

function draftOf(state: ActivityListState): Draft {
  return { ...state, kind: state.kind ?? '' };
}

const PERSON_ERROR = 'Enter a full email address or a user id.';

export function ActivityFilters({
  applied,
  onApply,
}: {
  /** The filters in force (from the URL); the form starts from them. */
  applied: ActivityListState;
  onApply: (filters: Omit<ActivityListState, 'cursors'>) => void;
}) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(applied));
  // Back, Forward, a link or "Clear filters" changed the filters in force: show them. The form
  // stays mounted (rather than being keyed) so focus stays where the keyboard left it.
  const appliedKey = writeActivityListState({ ...applied, cursors: [] }).toString();
  useEffect(() => {
    setDraft(draftOf(applied));
    setErrors({});
    // Only a change of the filters in force resets the form, not every render's new object.
  }, [appliedKey]);
  const [errors, setErrors] = useState<Partial<Record<PersonField | 'to', string>>>({});
  const change = (key: keyof Draft) => (value: string) =>
    setDraft((current) => ({ ...current, [key]: value }));

  function submit() {
    const found: typeof errors = {};
    for (const field of ['actor', 'member'] as const) {
      if (draft[field].trim() !== '' && readPerson(draft[field]) === '')
        found[field] = PERSON_ERROR;
    }
    if (draft.from !== '' && draft.to !== '' && draft.to < draft.from)
      found.to = 'The last day cannot be before the first.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const kind = AuditKindSchema.safeParse(draft.kind);
    onApply({
      actor: readPerson(draft.actor),
      member: readPerson(draft.member),
      kind: kind.success ? kind.data : undefined,
      from: draft.from,
      to: draft.to,
    });
  }

  function clear() {
    setDraft({ actor: '', member: '', kind: '', from: '', to: '' });
    setErrors({});
    onApply({ actor: '', member: '', kind: undefined, from: '', to: '' });
  }

  return (
    <form
      className="activity-filters"
      aria-label="Filter activity"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      noValidate
    >
      <PersonInput
        label="Changed by"
        value={draft.actor}
        error={errors.actor}
        onChange={change('actor')}
      />
      <PersonInput
        label="Member"
        value={draft.member}
        error={errors.member}
        onChange={change('member')}
      />
      <Field label="Kind">
        {(props) => (
          <select
            {...props}
            className="input select"
            value={draft.kind}
            onChange={(event) => change('kind')(event.target.value)}
          >
            <option value="">All kinds</option>
            {AuditKindSchema.options.map((kind: AuditKind) => (
              <option key={kind} value={kind}>
                {KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <DayInput label="From" value={draft.from} onChange={change('from')} />
      <DayInput label="To" value={draft.to} error={errors.to} onChange={change('to')} />
      <div className="activity-filters__actions">
        <Button type="submit" variant="primary">
          Apply filters
        </Button>
        <Button type="button" onClick={clear}>
          Clear
        </Button>
      </div>
    </form>
  );
}

interface InputProps {
  label: string;
  value: string;
  error?: string | undefined;
  onChange: (value: string) => void;
}

function PersonInput({ label, value, error, onChange }: InputProps) {
  return (
    <Field label={label} hint="Email or user id" error={error}>
      {(props) => (
        <input
          {...props}
          className="input"
          type="text"
          inputMode="email"
          autoComplete="off"
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

function DayInput({ label, value, error, onChange }: InputProps) {
  return (
    <Field label={label} error={error}>
      {(props) => (
        <input
          {...props}
          className="input"
          type="date"
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
