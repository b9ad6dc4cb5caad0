// Edit your own name: checked here with the contract's rules (each field says what is wrong),
// saved through the BFF to Scalekit, and shown everywhere at once through the session.
import { UpdateProfileBodySchema, type SessionUser } from '@app/contracts';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { isApiError } from '@/lib/api-error';
import { describeError } from '@/lib/error-message';
import { updateProfile } from '../api/update-profile';

type NameField = 'givenName' | 'familyName';
type FieldErrors = Partial<Record<NameField, string>>;

function isNameField(path: PropertyKey | undefined): path is NameField {
  return path === 'givenName' || path === 'familyName';
}

export function ProfileNameForm({
  user,
  onSaved,
}: {
  user: SessionUser;
  /** Receives the session's user with the new name. */
  onSaved: (user: SessionUser) => void;
}) {
  const toast = useToast();
  const [values, setValues] = useState({ givenName: user.givenName, familyName: user.familyName });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [saving, setSaving] = useState(false);

  async function submit() {
    setFailure(undefined);
    const parsed = UpdateProfileBodySchema.safeParse(values);
    if (!parsed.success) {
      const found: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (isNameField(field)) found[field] ??= issue.message;
      }
      setErrors(found);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const saved = await updateProfile(parsed.data);
      setValues({ givenName: saved.givenName, familyName: saved.familyName });
      onSaved(saved);
      toast.show('Your name is saved.');
    } catch (error) {
      if (isApiError(error) && error.code === 'validation_failed' && error.issues.length > 0) {
        const found: FieldErrors = {};
        for (const issue of error.issues) {
          if (isNameField(issue.path)) found[issue.path] ??= issue.message;
        }
        setErrors(found);
      } else if (!(isApiError(error) && error.code === 'unauthenticated')) {
        setFailure(error);
      }
    } finally {
      setSaving(false);
    }
  }

  const unchanged =
    values.givenName.trim() === user.givenName && values.familyName.trim() === user.familyName;

  return (
    <section className="card profile-name" aria-labelledby="profile-name-form">
      <h2 className="profile-name__title" id="profile-name-form">
        Your name
      </h2>
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {failure !== undefined && (
          <Alert tone="error" title="Your name was not saved">
            {describeError(failure)}
          </Alert>
        )}
        <div className="form__row">
          <Field label="First name" error={errors.givenName}>
            {(props) => (
              <input
                {...props}
                className="input"
                autoComplete="given-name"
                value={values.givenName}
                onChange={(event) => setValues({ ...values, givenName: event.target.value })}
              />
            )}
          </Field>
          <Field label="Last name" error={errors.familyName}>
            {(props) => (
              <input
                {...props}
                className="input"
                autoComplete="family-name"
                value={values.familyName}
                onChange={(event) => setValues({ ...values, familyName: event.target.value })}
              />
            )}
          </Field>
        </div>
        <div className="form__actions">
          <Button type="submit" variant="primary" isLoading={saving} disabled={unchanged}>
            Save name
          </Button>
        </div>
      </form>
    </section>
  );
}
