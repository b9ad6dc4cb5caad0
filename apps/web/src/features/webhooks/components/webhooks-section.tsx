// Settings -> Webhooks (admins): the URL the organization's events go to, the secret that signs
// them, a test event on demand, and the log of what was delivered.
import type { WebhookEndpoint } from '@app/contracts';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field } from '@/components/ui/field';
import { LoadingState } from '@/components/ui/loading-state';
import { useToast } from '@/components/ui/toast';
import { ApiError } from '@/lib/api-error';
import { describeError } from '@/lib/error-message';
import { useWebhookEndpoint } from '../api/get-webhook-endpoint';
import { removeWebhookEndpoint } from '../api/remove-webhook-endpoint';
import { saveWebhookEndpoint } from '../api/save-webhook-endpoint';
import { sendTestEvent } from '../api/send-test-event';
import { DeliveryLog } from './delivery-log';

function EndpointForm({
  endpoint,
  onSaved,
}: {
  endpoint: WebhookEndpoint | null;
  onSaved: (endpoint: WebhookEndpoint) => void;
}) {
  const [url, setUrl] = useState(endpoint?.url ?? '');
  const [pending, setPending] = useState(false);
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);

  async function save() {
    setPending(true);
    setFieldError(undefined);
    setError(undefined);
    try {
      onSaved(await saveWebhookEndpoint(url));
    } catch (failure) {
      // The BFF's rules on the URL (https, public host) come back as the field's own message.
      if (failure instanceof ApiError && failure.code === 'validation_failed') {
        setFieldError(failure.message);
      } else {
        setError(failure);
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      {error !== undefined && <Alert tone="error">{describeError(error)}</Alert>}
      <Field
        label="Endpoint URL"
        error={fieldError}
        hint="An https URL on your own server. Events are POSTed to it as JSON."
      >
        {(props) => (
          <input
            {...props}
            className="input"
            type="url"
            inputMode="url"
            placeholder="https://example.com/webhooks/teamspace"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
          />
        )}
      </Field>
      <div>
        <Button type="submit" variant="primary" isLoading={pending}>
          {endpoint === null ? 'Register endpoint' : 'Save URL'}
        </Button>
      </div>
    </form>
  );
}

function SigningSecret({ secret }: { secret: string }) {
  const [shown, setShown] = useState(false);
  return (
    <div className="stack">
      <p className="field__label">Signing secret</p>
      <p className="muted small">
        Every request carries Standard Webhooks headers (<code>webhook-id</code>,{' '}
        <code>webhook-timestamp</code>, <code>webhook-signature</code>). Verify them with this
        secret, for example with Scalekit&apos;s <code>verifyWebhookPayload</code> or any Standard
        Webhooks library.
      </p>
      <p>
        <code className="break-anywhere" data-testid="signing-secret">
          {shown ? secret : 'whsec_' + '•'.repeat(24)}
        </code>{' '}
        <Button size="sm" variant="ghost" onClick={() => setShown((value) => !value)}>
          {shown ? 'Hide secret' : 'Show secret'}
        </Button>
      </p>
    </div>
  );
}

export function WebhooksSection() {
  const endpoint = useWebhookEndpoint();
  const toast = useToast();
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [testing, setTesting] = useState(false);
  const [logKey, setLogKey] = useState(0);
  const current = endpoint.data?.endpoint;

  async function test() {
    setTesting(true);
    try {
      await sendTestEvent();
      toast.show('Test event queued. Its delivery shows in the log below.', { tone: 'success' });
      setLogKey((value) => value + 1);
    } catch (failure) {
      toast.show(describeError(failure), { tone: 'error' });
    } finally {
      setTesting(false);
    }
  }

  if (current === undefined) {
    if (endpoint.isFetching) return <LoadingState label="Loading webhooks…" />;
    return (
      <Alert tone="error" action={<Button onClick={endpoint.refetch}>Try again</Button>}>
        {describeError(endpoint.error)}
      </Alert>
    );
  }

  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="endpoint-heading">
        <h2 className="card__title" id="endpoint-heading">
          Endpoint
        </h2>
        <p className="card__text">
          Tell your other systems when the team changes: invitations, joins, role changes, removals
          and decided requests are sent to this URL, retried for hours if it is down.
        </p>
        <EndpointForm
          key={current?.url ?? 'new'}
          endpoint={current}
          onSaved={(saved) => {
            endpoint.setData(() => ({ endpoint: saved }));
            toast.show('Endpoint saved.', { tone: 'success' });
          }}
        />
        {current !== null && (
          <>
            <SigningSecret secret={current.secret} />
            <div className="page__actions">
              <Button isLoading={testing} onClick={() => void test()}>
                Send test event
              </Button>
              <Button variant="danger" onClick={() => setConfirmRemove(true)}>
                Remove endpoint
              </Button>
            </div>
          </>
        )}
      </section>
      {current !== null && <DeliveryLog refreshKey={logKey} />}
      {confirmRemove && current !== null && (
        <ConfirmDialog
          title="Remove the endpoint?"
          confirmLabel="Remove endpoint"
          onClose={() => setConfirmRemove(false)}
          onConfirm={async () => {
            await removeWebhookEndpoint();
            setConfirmRemove(false);
            endpoint.setData(() => ({ endpoint: null }));
          }}
        >
          Events stop at once, and deliveries still waiting for a retry are dropped.
        </ConfirmDialog>
      )}
    </div>
  );
}
