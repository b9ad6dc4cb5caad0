// The organization's request-to-join domains (admins): people whose work address is on one of
// them may ask to join from the sign-in page, proving the address by email first. Kept apart
// from the allowed email domains at Scalekit; public and disposable domains are refused.
import { useState, type SyntheticEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { describeError } from '@/lib/error-message';
import {
  addRequestJoinDomain,
  removeRequestJoinDomain,
  useRequestJoinDomains,
} from '../api/request-join-domains';

export function JoinDomainsCard() {
  const domains = useRequestJoinDomains();
  const [domain, setDomain] = useState('');
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  async function change(action: () => Promise<unknown>) {
    setBusy(true);
    setFailure(undefined);
    try {
      await action();
      domains.refetch();
      return true;
    } catch (error) {
      setFailure(error);
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function add(event: SyntheticEvent) {
    event.preventDefault();
    if (domain.trim() === '') return;
    if (await change(() => addRequestJoinDomain(domain.trim()))) setDomain('');
  }

  const list = domains.data?.domains ?? [];
  return (
    <section className="card" aria-labelledby="join-domains-heading">
      <h2 className="card__title" id="join-domains-heading">
        Request-to-join domains
      </h2>
      <p className="card__text">
        People with an address on these domains may ask to join from the sign-in page; their
        requests land in the inbox above. Separate from the allowed email domains.
      </p>
      {domains.data?.joinRequestsAvailable === false && (
        <Alert tone="warning">
          This server cannot send email, so nobody can ask to join until it can.
        </Alert>
      )}
      {failure !== undefined && <Alert tone="error">{describeError(failure)}</Alert>}
      {list.length > 0 && (
        <ul className="plain-list" aria-label="Request-to-join domains">
          {list.map((entry) => (
            <li key={entry.domain}>
              {entry.domain}{' '}
              <Button
                size="sm"
                variant="ghost"
                disabled={busy}
                aria-label={`Remove ${entry.domain}`}
                onClick={() => void change(() => removeRequestJoinDomain(entry.domain))}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={(event) => void add(event)}>
        <Field label="Domain">
          {(props) => (
            <input
              {...props}
              className="input"
              placeholder="acme.com"
              value={domain}
              onChange={(event) => setDomain(event.target.value)}
            />
          )}
        </Field>
        <Button type="submit" isLoading={busy}>
          Add domain
        </Button>
      </form>
    </section>
  );
}
