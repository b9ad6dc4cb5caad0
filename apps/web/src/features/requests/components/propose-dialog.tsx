// "Propose someone": a member suggests a person to invite, with a note for the admins. Nothing
// is sent to the person until an admin approves.
import { ProposeInviteBodySchema, type AccessRequest } from '@app/contracts';
import { useState, type SyntheticEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { describeError } from '@/lib/error-message';
import { proposeInvite } from '../api/propose-invite';

export function ProposeDialog({
  onClose,
  onProposed,
}: {
  onClose: () => void;
  onProposed: (request: AccessRequest) => void;
}) {
  const [email, setEmail] = useState('');
  const [note, setNote] = useState('');
  const [emailError, setEmailError] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [sending, setSending] = useState(false);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    const parsed = ProposeInviteBodySchema.safeParse({
      email,
      ...(note.trim() === '' ? {} : { note }),
    });
    if (!parsed.success) {
      setEmailError('Enter a valid email address');
      return;
    }
    setEmailError(undefined);
    setSending(true);
    try {
      onProposed(await proposeInvite(parsed.data));
    } catch (error) {
      setFailure(error);
    } finally {
      setSending(false);
    }
  }

  return (
    <Dialog
      title="Propose someone"
      description="An admin decides; the person hears nothing until then."
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" type="submit" form="propose-form" isLoading={sending}>
            Send proposal
          </Button>
        </>
      }
    >
      <form id="propose-form" noValidate onSubmit={(event) => void submit(event)}>
        {failure !== undefined && <Alert tone="error">{describeError(failure)}</Alert>}
        <Field label="Email" error={emailError}>
          {(props) => (
            <input
              {...props}
              className="input"
              type="email"
              autoComplete="off"
              data-autofocus
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          )}
        </Field>
        <Field label="Why they should join" optional>
          {(props) => (
            <textarea
              {...props}
              className="input"
              rows={3}
              maxLength={500}
              value={note}
              onChange={(event) => setNote(event.target.value)}
            />
          )}
        </Field>
      </form>
    </Dialog>
  );
}
