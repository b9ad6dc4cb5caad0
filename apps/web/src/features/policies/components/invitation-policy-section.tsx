// Whom invitations may go to: anyone, only addresses on the allowed domains, or those plus named
// exception addresses. Enforced on every invite (single, CSV, and at Scalekit itself).
import {
  EmailSchema,
  POLICY_EXCEPTIONS_MAX,
  type InvitationPolicyMode,
  type InvitationPolicyResponse,
} from '@app/contracts';
import { useEffect, useId, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { LoadingState } from '@/components/ui/loading-state';
import { describeError } from '@/lib/error-message';
import { updateInvitationPolicy, useInvitationPolicy } from '../api/invitation-policy';

const OPTIONS: { mode: InvitationPolicyMode; label: string; hint: string }[] = [
  { mode: 'anyone', label: 'Anyone', hint: 'Admins may invite any email address.' },
  {
    mode: 'allowed_domains',
    label: 'Only the allowed domains',
    hint: 'Invitations go only to addresses on the allowed email domains.',
  },
  {
    mode: 'allowed_domains_and_exceptions',
    label: 'The allowed domains and named exceptions',
    hint: 'As above, plus the addresses listed below (contractors, partners).',
  },
];

/** The exception addresses typed one per line (or separated by commas), blanks dropped. */
function exceptionLines(text: string): string[] {
  return text
    .split(/[\n,;]/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export function InvitationPolicySection({ allowedDomainCount }: { allowedDomainCount: number }) {
  const policy = useInvitationPolicy();
  const groupId = useId();
  const [mode, setMode] = useState<InvitationPolicyMode>('anyone');
  const [exceptions, setExceptions] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [saved, setSaved] = useState(false);

  const loaded = policy.data;
  useEffect(() => {
    if (loaded === undefined) return;
    setMode(loaded.policy.mode);
    setExceptions(loaded.policy.exceptions.join('\n'));
  }, [loaded]);

  async function save() {
    const addresses = mode === 'allowed_domains_and_exceptions' ? exceptionLines(exceptions) : [];
    const bad = addresses.find((address) => !EmailSchema.safeParse(address).success);
    if (bad !== undefined) {
      setFieldError(`${bad} is not a valid email address.`);
      return;
    }
    if (addresses.length > POLICY_EXCEPTIONS_MAX) {
      setFieldError(`At most ${POLICY_EXCEPTIONS_MAX} exception addresses.`);
      return;
    }
    setFieldError(undefined);
    setError(undefined);
    setSaved(false);
    setSaving(true);
    try {
      const next: InvitationPolicyResponse = await updateInvitationPolicy({
        mode,
        exceptions: addresses,
      });
      policy.setData(() => next);
      setSaved(true);
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="card" aria-labelledby="invitation-policy-heading">
      <h2 className="card__title" id="invitation-policy-heading">
        Who may be invited
      </h2>
      {loaded === undefined && policy.error === undefined && <LoadingState />}
      {policy.error !== undefined && (
        <Alert tone="error" action={<Button onClick={policy.refetch}>Try again</Button>}>
          {describeError(policy.error)}
        </Alert>
      )}
      {loaded !== undefined && (
        <>
          <fieldset className="radio-group" aria-describedby={`${groupId}-note`}>
            <legend className="field__label">Invitations may go to</legend>
            {OPTIONS.map((option) => (
              <label key={option.mode} className="radio-group__option">
                <input
                  type="radio"
                  name={`${groupId}-mode`}
                  value={option.mode}
                  checked={mode === option.mode}
                  onChange={() => {
                    setMode(option.mode);
                    setSaved(false);
                  }}
                />
                <span>
                  <span className="radio-group__label">{option.label}</span>
                  <span className="field__hint">{option.hint}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <p className="card__text" id={`${groupId}-note`}>
            The rule holds for single invites, every row of a CSV import and invitations made
            directly at Scalekit.
          </p>
          {mode !== 'anyone' && allowedDomainCount === 0 && (
            <Alert tone="warning">
              There are no allowed domains yet: add one above, or nobody can be invited
              {mode === 'allowed_domains_and_exceptions' ? ' but the named exceptions' : ''}.
            </Alert>
          )}
          {mode === 'allowed_domains_and_exceptions' && (
            <Field
              label="Exception addresses"
              error={fieldError}
              hint="One email address per line; they may be invited whatever their domain."
            >
              {(props) => (
                <textarea
                  {...props}
                  className="input"
                  rows={4}
                  spellCheck={false}
                  value={exceptions}
                  onChange={(event) => {
                    setExceptions(event.target.value);
                    setSaved(false);
                  }}
                />
              )}
            </Field>
          )}
          {error !== undefined && <Alert tone="error">{describeError(error)}</Alert>}
          {saved && <Alert tone="success">The invitation policy is saved.</Alert>}
          <div className="card__actions">
            <Button variant="primary" isLoading={saving} onClick={() => void save()}>
              Save policy
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
