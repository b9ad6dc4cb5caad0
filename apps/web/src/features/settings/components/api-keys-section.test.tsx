import {
  ApiKeySchema,
  CreateApiKeyBodySchema,
  CSRF_HEADER,
  routes,
  type ApiKey,
} from '@app/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '@/testing/axe';
import { buildMemberSession } from '@/testing/fixtures';
import { bff, errorResponse } from '@/testing/handlers';
import { currentLocation, renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

const SECRET = `tsk_live_${'A'.repeat(43)}`;

function buildKey(overrides: Partial<ApiKey> = {}): ApiKey {
  return ApiKeySchema.parse({
    id: 'key_hr',
    name: 'HR import',
    hint: 'tsk_live_Zz9q',
    scopes: ['members:read'],
    status: 'active',
    createdAt: '2026-01-02T10:00:00.000Z',
    createdBy: { userId: 'usr_admin', email: 'ada@acme.test' },
    expiresAt: null,
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  });
}

let keys: ApiKey[] = [];
let created: unknown[] = [];
let revoked: string[] = [];

beforeEach(() => {
  keys = [buildKey()];
  created = [];
  revoked = [];
  server.use(
    http.get(routes.apiKeys, () => HttpResponse.json({ apiKeys: keys })),
    http.post(routes.apiKeys, async ({ request }) => {
      if (request.headers.get(CSRF_HEADER) !== '1') {
        return errorResponse({ code: 'csrf_rejected', message: 'Missing the x-csrf header.' });
      }
      const body = CreateApiKeyBodySchema.parse(await request.json());
      created.push(body);
      const apiKey = buildKey({
        id: 'key_new',
        name: body.name,
        hint: SECRET.slice(0, 13),
        scopes: body.scopes,
        expiresAt: body.expiresAt ?? null,
        createdAt: new Date().toISOString(),
      });
      keys = [apiKey, ...keys];
      return HttpResponse.json({ apiKey, secret: SECRET }, { status: 201 });
    }),
    http.post(routes.revokeApiKey(':keyId').replace('%3A', ':'), ({ params }) => {
      const keyId = String(params.keyId);
      revoked.push(keyId);
      const key = keys.find((candidate) => candidate.id === keyId);
      if (!key) return errorResponse({ code: 'not_found', message: 'No such API key.' });
      const apiKey = { ...key, status: 'revoked', revokedAt: new Date().toISOString() };
      return HttpResponse.json({ apiKey });
    }),
  );
});

async function openApiKeys() {
  const view = renderApp('/settings/api-keys');
  const table = await screen.findByRole('table', { name: 'API keys' });
  return { ...view, table };
}

describe('Settings > API keys', () => {
  it('lists each key with its name, scopes, dates and status, under a Settings sub-navigation', async () => {
    keys = [
      buildKey({ lastUsedAt: new Date().toISOString() }),
      buildKey({
        id: 'key_old',
        name: 'Old CRM',
        status: 'revoked',
        revokedAt: '2026-01-05T10:00:00.000Z',
      }),
    ];
    const { table } = await openApiKeys();

    expect(document.title).toBe('API keys · Teamspace');
    const settingsNav = screen.getByRole('navigation', { name: 'Settings' });
    expect(within(settingsNav).getByRole('link', { name: 'API keys' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    const [, active, old] = within(table).getAllByRole('row');
    expect(within(active ?? table).getByText('HR import')).toBeInTheDocument();
    expect(within(active ?? table).getByText('Read members')).toBeInTheDocument();
    expect(within(active ?? table).getByText('Never')).toBeInTheDocument();
    expect(within(active ?? table).getByText('just now')).toBeInTheDocument();
    expect(within(active ?? table).getByText('Active')).toBeInTheDocument();
    expect(within(old ?? table).getByText('Revoked')).toBeInTheDocument();
    expect(within(old ?? table).queryByRole('button', { name: /Revoke/ })).toBeNull();
    await expectNoAxeViolations();
  });

  it('creates a key with the chosen scopes and expiry, and shows it once with a copy button', async () => {
    const { user } = await openApiKeys();
    await user.click(screen.getByRole('button', { name: 'Create API key' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create API key' });
    await user.type(within(dialog).getByLabelText('Name'), 'CRM sync');
    await user.click(within(dialog).getByRole('checkbox', { name: /Read members/ }));
    await user.click(within(dialog).getByRole('checkbox', { name: /Change and remove members/ }));
    await user.selectOptions(within(dialog).getByLabelText('Expires'), 'In 90 days');
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));

    const shown = await screen.findByRole('dialog', { name: 'Copy your API key' });
    expect(within(shown).getByTestId('api-key-secret')).toHaveTextContent(SECRET);
    expect(created).toHaveLength(1);
    const body = CreateApiKeyBodySchema.parse(created[0]);
    expect(body).toMatchObject({
      name: 'CRM sync',
      scopes: ['members:invite', 'members:write'],
    });
    const days = (Date.parse(body.expiresAt ?? '') - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90);

    await user.click(within(shown).getByRole('button', { name: 'Copy key' }));
    expect(await navigator.clipboard.readText()).toBe(SECRET);
    expect(within(shown).getByRole('button', { name: 'Copied' })).toBeInTheDocument();
    await user.click(within(shown).getByRole('button', { name: 'Done' }));

    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByText(SECRET)).toBeNull();
    const table = screen.getByRole('table', { name: 'API keys' });
    expect(within(table).getByText('CRM sync')).toBeInTheDocument();
  });

  it('asks for a name and a scope before sending anything', async () => {
    const { user } = await openApiKeys();
    await user.click(screen.getByRole('button', { name: 'Create API key' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create API key' });
    await user.click(within(dialog).getByRole('checkbox', { name: /Read members/ }));
    await user.click(within(dialog).getByRole('checkbox', { name: /Invite members/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));

    expect(within(dialog).getByLabelText('Name')).toHaveAccessibleDescription(/Name the key/);
    expect(within(dialog).getByText('Choose at least one scope')).toBeInTheDocument();
    expect(created).toHaveLength(0);
  });

  it('revokes a key after a confirmation, and shows it as revoked', async () => {
    const { user, table } = await openApiKeys();
    await user.click(within(table).getByRole('button', { name: 'Revoke HR import' }));
    const confirm = await screen.findByRole('dialog', { name: 'Revoke “HR import”?' });
    expect(revoked).toHaveLength(0);
    await user.click(within(confirm).getByRole('button', { name: 'Revoke key' }));

    await waitFor(() => expect(within(table).getByText('Revoked')).toBeInTheDocument());
    expect(revoked).toEqual(['key_hr']);
    expect(within(table).queryByRole('button', { name: 'Revoke HR import' })).toBeNull();
  });

  it('opens the API keys section from /settings', async () => {
    renderApp('/settings');
    await screen.findByRole('table', { name: 'API keys' });
    expect(currentLocation()).toBe('/settings/api-keys');
  });

  it('shows members the not-found card instead', async () => {
    bff.session = buildMemberSession();
    renderApp('/settings/api-keys');
    expect(await screen.findByText(/could not find|not found/i)).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'API keys' })).toBeNull();
  });
});
