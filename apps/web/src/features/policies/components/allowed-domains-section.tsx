// The organization's allowed email domains: people with an address on one may join from the
// sign-in page's organization picker, without an invitation, each taking a seat. Admins add and
// remove them here; refusals (a public or disposable provider, a typo) show beside the field.
import { DomainNameSchema, type AllowedDomain } from '@app/contracts';
import { useEffect, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { LoadingState } from '@/components/ui/loading-state';
import { describeError } from '@/lib/error-message';
import { addAllowedDomain, removeAllowedDomain, useAllowedDomains } from '../api/allowed-domains';

export function AllowedDomainsSection({
  organizationName,
  onChanged,
}: {
  organizationName: string;
  /** The domains once loaded and after each change (the invitation policy refers to them). */
  onChanged: (domains: AllowedDomain[]) => void;
}) {
  const domains = useAllowedDomains();
  const [text, setText] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<string | undefined>(undefined);
  const [removeError, setRemoveError] = useState<string | undefined>(undefined);

  const loaded = domains.data;
  useEffect(() => {
    if (loaded !== undefined) onChanged(loaded);
  }, [loaded, onChanged]);

  function changed(next: AllowedDomain[]) {
    domains.setData(() => next);
  }

  async function add() {
    const parsed = DomainNameSchema.safeParse(text);
    if (!parsed.success) {
      setFieldError(parsed.error.issues[0]?.message ?? 'Enter a domain, like acme.com');
      return;
    }
    setFieldError(undefined);
    setAdding(true);
    try {
      const added = await addAllowedDomain(parsed.data);
      changed([...(domains.data ?? []), added]);
      setText('');
    } catch (failure) {
      setFieldError(describeError(failure));
    } finally {
      setAdding(false);
    }
  }

  async function remove(domain: AllowedDomain) {
    setRemoving(domain.id);
    setRemoveError(undefined);
    try {
      await removeAllowedDomain(domain.id);
      changed((domains.data ?? []).filter((entry) => entry.id !== domain.id));
    } catch (failure) {
      setRemoveError(`${domain.domain}: ${describeError(failure)}`);
    } finally {
      setRemoving(undefined);
    }
  }

  return (
    <section className="card" aria-labelledby="allowed-domains-heading">
      <h2 className="card__title" id="allowed-domains-heading">
        Allowed email domains
      </h2>
      <p className="card__text">
        People with an address on these domains can join {organizationName} themselves: the sign-in
        page offers to <strong>Join</strong> it in its organization picker, no invitation needed.
        Each person who joins takes a seat. Public email providers (gmail.com…) and disposable
        addresses cannot be allowed.
      </p>
      {domains.data === undefined && domains.error === undefined && <LoadingState />}
      {domains.error !== undefined && (
        <Alert tone="error" action={<Button onClick={domains.refetch}>Try again</Button>}>
          {describeError(domains.error)}
        </Alert>
      )}
      {domains.data !== undefined &&
        (domains.data.length === 0 ? (
          <p className="card__text">No allowed domains yet: people join only by invitation.</p>
        ) : (
          <ul className="domain-list" aria-label="Allowed domains">
            {domains.data.map((domain) => (
              <li key={domain.id} className="domain-list__item">
                <span>{domain.domain}</span>
                <Button
                  size="sm"
                  variant="ghost"
                  isLoading={removing === domain.id}
                  aria-label={`Remove ${domain.domain}`}
                  onClick={() => void remove(domain)}
                >
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        ))}
      {removeError !== undefined && <Alert tone="error">{removeError}</Alert>}
      <form
        className="inline-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <Field label="Add a domain" error={fieldError} hint="A domain name only, like acme.com.">
          {(props) => (
            <input
              {...props}
              className="input"
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
          )}
        </Field>
        <Button type="submit" isLoading={adding}>
          Add domain
        </Button>
      </form>
    </section>
  );
}
