// Approving (with a role: the invitation goes out then) or declining (with a reason, emailed to
// the requester) one request or several. Each request answers on its own; the ones refused
// (the seat limit, decided meanwhile by another admin) are listed with why.
import type { AccessRequest, BulkDecisionResult, Role } from '@app/contracts';
import { useState, type SyntheticEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { describeError } from '@/lib/error-message';
import { humanizeRole } from '@/lib/format';
import { decideRequests } from '../api/decide-requests';

export type DecisionKind = 'approve' | 'decline';

function initialRole(requests: readonly AccessRequest[], roles: readonly Role[]): string {
  const suggested = requests[0]?.suggestedRole;
  if (suggested && requests.every((request) => request.suggestedRole === suggested)) {
    return suggested;
  }
  return roles.find((role) => role.name === 'member')?.name ?? roles[0]?.name ?? 'member';
}

export function DecisionDialog({
  decision,
  requests,
  roles,
  onClose,
  onDecided,
}: {
  decision: DecisionKind;
  requests: readonly AccessRequest[];
  roles: readonly Role[];
  onClose: () => void;
  onDecided: (results: BulkDecisionResult[]) => void;
}) {
  const [role, setRole] = useState(() => initialRole(requests, roles));
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [sending, setSending] = useState(false);
  const who = requests.length === 1 ? (requests[0]?.email ?? '') : `${requests.length} people`;

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (decision === 'decline' && reason.trim() === '') {
      setReasonError('Give a reason: the requester reads it');
      return;
    }
    setSending(true);
    setFailure(undefined);
    const requestIds = requests.map((request) => request.id);
    try {
      onDecided(
        await decideRequests(
          decision === 'approve'
            ? { decision, requestIds, role }
            : { decision, requestIds, reason: reason.trim() },
        ),
      );
    } catch (error) {
      setFailure(error);
    } finally {
      setSending(false);
    }
  }

  return (
    <Dialog
      title={decision === 'approve' ? `Approve ${who}` : `Decline ${who}`}
      description={
        decision === 'approve'
          ? 'The invitation goes out now, with this role.'
          : 'The requester is told by email, with your reason.'
      }
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant={decision === 'approve' ? 'primary' : 'danger'}
            type="submit"
            form="decision-form"
            isLoading={sending}
          >
            {decision === 'approve' ? 'Approve and invite' : 'Decline'}
          </Button>
        </>
      }
    >
      <form id="decision-form" noValidate onSubmit={(event) => void submit(event)}>
        {failure !== undefined && <Alert tone="error">{describeError(failure)}</Alert>}
        {decision === 'approve' ? (
          <Field label="Role">
            {(props) => (
              <select
                {...props}
                className="input select"
                data-autofocus
                value={role}
                onChange={(event) => setRole(event.target.value)}
              >
                {roles.length === 0 && <option value={role}>{humanizeRole(role)}</option>}
                {roles.map((option) => (
                  <option key={option.name} value={option.name}>
                    {option.displayName || humanizeRole(option.name)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : (
          <Field label="Reason" error={reasonError}>
            {(props) => (
              <textarea
                {...props}
                className="input"
                rows={3}
                maxLength={500}
                data-autofocus
                value={reason}
                onChange={(event) => setReason(event.target.value)}
              />
            )}
          </Field>
        )}
      </form>
    </Dialog>
  );
}
