// Creates an API key: a name, the scopes it may use and when it expires. The answer's key is
// then shown once, with a copy button; closing the dialog is the last chance to see it.
import {
  ApiKeyScopeSchema,
  CreateApiKeyBodySchema,
  type ApiKey,
  type ApiKeyScope,
} from '@app/contracts';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { describeError } from '@/lib/error-message';
import { createApiKey } from '../api/create-api-key';
import { EXPIRY_CHOICES, expiryOf, SCOPE_LABELS, type ExpiryChoice } from '../lib/api-key-text';

interface FieldErrors {
  name?: string | undefined;
  scopes?: string | undefined;
}

export function CreateApiKeyDialog({
  onCreated,
  onClose,
}: {
  onCreated: (key: ApiKey) => void;
  onClose: () => void;
}) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>(['members:read', 'members:invite']);
  const [expiry, setExpiry] = useState<ExpiryChoice>('never');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [secret, setSecret] = useState<string | undefined>(undefined);
  const [copied, setCopied] = useState(false);

  function toggle(scope: ApiKeyScope, checked: boolean) {
    setScopes((current) =>
      checked
        ? ApiKeyScopeSchema.options.filter((option) => option === scope || current.includes(option))
        : current.filter((option) => option !== scope),
    );
  }

  async function create() {
    const parsed = CreateApiKeyBodySchema.safeParse({ name, scopes, expiresAt: expiryOf(expiry) });
    if (!parsed.success) {
      const issueOf = (path: string) =>
        parsed.error.issues.find((issue) => issue.path[0] === path)?.message;
      setFieldErrors({ name: issueOf('name'), scopes: issueOf('scopes') });
      return;
    }
    setFieldErrors({});
    setPending(true);
    setError(undefined);
    try {
      const created = await createApiKey(parsed.data);
      onCreated(created.apiKey);
      setSecret(created.secret);
    } catch (failure) {
      setError(failure);
    } finally {
      setPending(false);
    }
  }

  async function copy(value: string) {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      // No clipboard (an insecure origin, a denied permission): the key stays selectable.
      setCopied(false);
    }
  }

  if (secret !== undefined) {
    return (
      <Dialog
        title="Copy your API key"
        description="This is the only time the key is shown. Store it in your other system's secrets now."
        onClose={onClose}
        footer={
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        }
      >
        <div className="secret-box">
          <code className="secret-box__value break-anywhere" data-testid="api-key-secret">
            {secret}
          </code>
          <Button size="sm" onClick={() => void copy(secret)} data-autofocus>
            {copied ? 'Copied' : 'Copy key'}
          </Button>
        </div>
        <p className="muted" role="status">
          {copied ? 'The key is on your clipboard.' : ''}
        </p>
      </Dialog>
    );
  }

  return (
    <Dialog
      title="Create API key"
      description="A key lets another system call the team API, server to server."
      onClose={onClose}
      closeDisabled={pending}
      footer={
        <>
          <Button onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button variant="primary" isLoading={pending} onClick={() => void create()}>
            Create key
          </Button>
        </>
      }
    >
      {error !== undefined && <Alert tone="error">{describeError(error)}</Alert>}
      <Field label="Name" error={fieldErrors.name} hint="Which system uses it, e.g. “CRM sync”.">
        {(props) => (
          <input
            {...props}
            className="input"
            value={name}
            maxLength={64}
            onChange={(event) => setName(event.target.value)}
            data-autofocus
          />
        )}
      </Field>
      <fieldset
        className="fieldset"
        aria-describedby={fieldErrors.scopes ? 'scopes-error' : undefined}
      >
        <legend className="field__label">Scopes</legend>
        {ApiKeyScopeSchema.options.map((scope) => (
          <label key={scope} className="checkbox">
            <input
              type="checkbox"
              checked={scopes.includes(scope)}
              onChange={(event) => toggle(scope, event.target.checked)}
            />{' '}
            {SCOPE_LABELS[scope].label} <code>{scope}</code>
            <span className="field__hint">{SCOPE_LABELS[scope].hint}</span>
          </label>
        ))}
        {fieldErrors.scopes && (
          <div className="field__error" id="scopes-error">
            {fieldErrors.scopes}
          </div>
        )}
      </fieldset>
      <Field label="Expires">
        {(props) => (
          <select
            {...props}
            className="select"
            value={expiry}
            onChange={(event) => setExpiry(event.target.value as ExpiryChoice)}
          >
            {EXPIRY_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        )}
      </Field>
    </Dialog>
  );
}
