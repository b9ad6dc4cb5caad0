// Settings > API keys: the organization's keys (name, scopes, dates, status), a dialog that
// creates one and shows it once, and revocation after a confirmation.
import type { ApiKey } from '@app/contracts';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { LoadingState } from '@/components/ui/loading-state';
import { TableToolbar } from '@/components/ui/table-parts';
import { useToast } from '@/components/ui/toast';
import { describeError } from '@/lib/error-message';
import { formatDate, formatDateTime, formatRelative } from '@/lib/format';
import { useApiKeys } from '../api/list-api-keys';
import { revokeApiKey } from '../api/revoke-api-key';
import { SCOPE_LABELS, STATUS_BADGES } from '../lib/api-key-text';
import { CreateApiKeyDialog } from './create-api-key-dialog';

function DateCell({ iso, relative = false }: { iso: string | null; relative?: boolean }) {
  if (iso === null) return <span className="muted">{relative ? 'Never used' : 'Never'}</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {relative ? formatRelative(iso) : formatDate(iso)}
    </time>
  );
}

export function ApiKeysSection() {
  const keys = useApiKeys();
  const toast = useToast();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | undefined>(undefined);

  const replace = (changed: ApiKey) =>
    keys.setData((current) =>
      current
        ? { apiKeys: current.apiKeys.map((key) => (key.id === changed.id ? changed : key)) }
        : current,
    );

  let body;
  const list = keys.data?.apiKeys;
  if (!list && keys.isFetching) body = <LoadingState label="Loading API keys…" />;
  else if (!list)
    body = (
      <Alert
        tone="error"
        title="The API keys could not be loaded"
        action={<Button onClick={keys.refetch}>Try again</Button>}
      >
        {describeError(keys.error)}
      </Alert>
    );
  else if (list.length === 0)
    body = (
      <EmptyState title="No API keys yet">
        Create a key to let your CRM or HR system invite and manage members.
      </EmptyState>
    );
  else
    body = (
      <div className="table-wrap">
        <table className="table" aria-labelledby="api-keys-heading">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Scopes</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((key) => (
              <tr key={key.id} data-testid={`api-key-${key.id}`}>
                <td data-label="Name" className="break-anywhere">
                  {key.name}
                  <div className="muted">
                    <code>{key.hint}…</code>
                  </div>
                </td>
                <td data-label="Scopes">
                  {key.scopes.map((scope) => SCOPE_LABELS[scope].label).join(', ')}
                </td>
                <td data-label="Created">
                  <DateCell iso={key.createdAt} />
                </td>
                <td data-label="Expires">
                  <DateCell iso={key.expiresAt} />
                </td>
                <td data-label="Last used">
                  <DateCell iso={key.lastUsedAt} relative />
                </td>
                <td data-label="Status">
                  <Badge tone={STATUS_BADGES[key.status].tone}>
                    {STATUS_BADGES[key.status].label}
                  </Badge>
                </td>
                <td className="table__actions">
                  {key.status !== 'revoked' && (
                    <Button
                      size="sm"
                      variant="danger"
                      aria-label={`Revoke ${key.name}`}
                      onClick={() => setRevoking(key)}
                    >
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );

  return (
    <section className="card card--flush" aria-labelledby="api-keys-heading">
      <TableToolbar title="API keys" titleId="api-keys-heading">
        <Button variant="primary" onClick={() => setCreating(true)}>
          Create API key
        </Button>
      </TableToolbar>
      <p className="settings__intro">
        Other systems call the team API with a key as <code>Authorization: Bearer</code>, server to
        server. Each key can do only what its scopes allow.
      </p>
      {body}
      {creating && (
        <CreateApiKeyDialog
          onCreated={(key) =>
            keys.setData((current) => ({ apiKeys: [key, ...(current?.apiKeys ?? [])] }))
          }
          onClose={() => setCreating(false)}
        />
      )}
      {revoking && (
        <ConfirmDialog
          title={`Revoke “${revoking.name}”?`}
          confirmLabel="Revoke key"
          onConfirm={async () => {
            replace(await revokeApiKey(revoking.id));
            setRevoking(undefined);
            toast.show(`Revoked “${revoking.name}”.`, { tone: 'success' });
          }}
          onClose={() => setRevoking(undefined)}
        >
          Systems using this key are refused from now on. This cannot be undone.
        </ConfirmDialog>
      )}
    </section>
  );
}
