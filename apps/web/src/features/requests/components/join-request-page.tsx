// /join-request, signed out. Without a token: the "Ask to join" form (an email is sent to prove
// the address). With `?confirm=`: the emailed link, followed once, files the request. With
// `?token=`: the status link, showing where the requests stand.
import type { JoinRequestStatusResponse } from '@app/contracts';
import { useEffect, useState, type SyntheticEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { LoadingState } from '@/components/ui/loading-state';
import { describeError } from '@/lib/error-message';
import { formatDateTime } from '@/lib/format';
import { askToJoin, confirmJoinRequest, getJoinRequestStatus } from '../api/join-requests';
import { STATUS_LOOKS } from './request-labels';

/**
 * Confirmations under way or done, by token: a confirmation link works once, so a screen that
 * mounts twice (React's development checks, a remount) shares the first answer.
 */
const confirmations = new Map<string, Promise<JoinRequestStatusResponse>>();

function confirmOnce(token: string): Promise<JoinRequestStatusResponse> {
  let pending = confirmations.get(token);
  if (pending === undefined) {
    pending = confirmJoinRequest(token);
    confirmations.set(token, pending);
  }
  return pending;
}

function AskToJoinForm() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [sending, setSending] = useState(false);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    setSending(true);
    setFailure(undefined);
    try {
      setSent(await askToJoin(email));
    } catch (error) {
      setFailure(error);
    } finally {
      setSending(false);
    }
  }

  if (sent !== undefined) return <Alert tone="success">{sent}</Alert>;
  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <p className="muted">
        If your team takes requests from your work address, an admin can let you in. We first email
        you a link to prove the address is yours.
      </p>
      {failure !== undefined && <Alert tone="error">{describeError(failure)}</Alert>}
      <Field label="Work email">
        {(props) => (
          <input
            {...props}
            className="input"
            type="email"
            autoComplete="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        )}
      </Field>
      <Button variant="primary" type="submit" isLoading={sending}>
        Ask to join
      </Button>
    </form>
  );
}

function RequestStatus({ status }: { status: JoinRequestStatusResponse }) {
  if (status.requests.length === 0) {
    return <Alert tone="info">No team takes requests from {status.email}.</Alert>;
  }
  return (
    <ul className="plain-list" aria-label="Your requests">
      {status.requests.map((request) => (
        <li key={`${request.organizationName}-${request.createdAt}`}>
          <strong>{request.organizationName || 'A team'}</strong>{' '}
          <Badge tone={STATUS_LOOKS[request.status].tone}>
            {STATUS_LOOKS[request.status].label}
          </Badge>
          <span className="muted small"> asked {formatDateTime(request.createdAt)}</span>
          {request.status === 'approved' && (
            <p className="small">Your invitation is on its way by email.</p>
          )}
          {request.declineReason && <p className="small">Reason: {request.declineReason}</p>}
        </li>
      ))}
    </ul>
  );
}

type Loaded =
  | { state: 'loading' }
  | { state: 'done'; status: JoinRequestStatusResponse }
  | { state: 'failed'; error: unknown };

export function JoinRequestPage({
  confirmToken,
  statusToken,
  onStatusToken,
}: {
  confirmToken: string | null;
  statusToken: string | null;
  /** The confirmation answered a status token: keep it in the address bar, drop the used link. */
  onStatusToken: (token: string) => void;
}) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const token = confirmToken ?? statusToken;

  useEffect(() => {
    if (token === null) return;
    const controller = new AbortController();
    const load =
      confirmToken !== null
        ? confirmOnce(confirmToken)
        : getJoinRequestStatus(token, controller.signal);
    load.then(
      (status) => {
        if (controller.signal.aborted) return;
        setLoaded({ state: 'done', status });
        if (confirmToken !== null) onStatusToken(status.statusToken);
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setLoaded({ state: 'failed', error });
      },
    );
    return () => controller.abort();
    // A confirmation link is used once: run it for the token in the address, not again.
  }, [token]);

  let body;
  if (token === null) body = <AskToJoinForm />;
  else if (loaded.state === 'loading') body = <LoadingState label="Checking your link…" />;
  else if (loaded.state === 'failed')
    body = <Alert tone="error">{describeError(loaded.error)}</Alert>;
  else body = <RequestStatus status={loaded.status} />;

  return (
    <section className="card sign-in" aria-labelledby="join-heading">
      <h1 className="sign-in__title" id="join-heading">
        {token === null ? 'Ask to join your team' : 'Your request to join'}
      </h1>
      {body}
    </section>
  );
}
