import {
  CSRF_HEADER,
  PutWebhookEndpointBodySchema,
  routes,
  WebhookDeliverySchema,
  type WebhookDelivery,
  type WebhookEndpoint,
} from '@app/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '@/testing/axe';
import { buildMemberSession } from '@/testing/fixtures';
import { bff, errorResponse } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

const SECRET = 'whsec_c2lnbmluZy1zZWNyZXQtZm9yLXRoZS10ZXN0cw==';
const now = () => new Date().toISOString();

let endpoint: WebhookEndpoint | null;
let deliveries: WebhookDelivery[];
let writes: { method: string; body: string; csrf: string | null }[];

function registered(): WebhookEndpoint {
  return {
    url: 'https://crm.example.com/hooks',
    secret: SECRET,
    createdAt: now(),
    updatedAt: now(),
  };
}

function delivery(overrides: Partial<WebhookDelivery> = {}): WebhookDelivery {
  return WebhookDeliverySchema.parse({
    id: String(deliveries.length + 1),
    eventId: `evt_${deliveries.length + 1}`,
    eventType: 'member.invited',
    status: 'delivered',
    attempts: 1,
    responseStatus: 204,
    lastError: null,
    nextAttemptAt: null,
    createdAt: now(),
    deliveredAt: now(),
    ...overrides,
  });
}

beforeEach(() => {
  endpoint = null;
  deliveries = [];
  writes = [];
  const record = async (request: Request) => {
    writes.push({
      method: request.method,
      body: await request.text(),
      csrf: request.headers.get(CSRF_HEADER),
    });
  };
  server.use(
    http.get(routes.webhookEndpoint, () => HttpResponse.json({ endpoint })),
    http.put(routes.webhookEndpoint, async ({ request }) => {
      await record(request.clone());
      const { url } = PutWebhookEndpointBodySchema.parse(await request.json());
      if (!url.startsWith('https://')) {
        const message = 'The URL must start with https://';
        return errorResponse({
          code: 'validation_failed',
          message,
          issues: [{ path: 'url', message }],
        });
      }
      endpoint = { url, secret: SECRET, createdAt: now(), updatedAt: now() };
      return HttpResponse.json(endpoint);
    }),
    http.delete(routes.webhookEndpoint, async ({ request }) => {
      await record(request);
      endpoint = null;
      return new HttpResponse(null, { status: 204 });
    }),
    http.post(routes.webhookTestEvent, async ({ request }) => {
      await record(request);
      const queued = delivery({
        eventType: 'webhook.test',
        status: 'pending',
        attempts: 0,
        responseStatus: null,
        deliveredAt: null,
      });
      deliveries = [queued, ...deliveries];
      return HttpResponse.json(queued, { status: 202 });
    }),
    http.get(routes.webhookDeliveries, () => HttpResponse.json({ deliveries })),
  );
});

async function openWebhooks() {
  const view = renderApp('/settings/webhooks');
  await screen.findByRole('heading', { name: 'Endpoint' });
  return view;
}

describe('the Webhooks settings', () => {
  it('registers an endpoint and shows its signing secret only when asked', async () => {
    const { user } = await openWebhooks();
    expect(document.title).toBe('Webhooks · Teamspace');
    await user.type(screen.getByLabelText('Endpoint URL'), 'https://crm.example.com/hooks');
    await user.click(screen.getByRole('button', { name: 'Register endpoint' }));

    expect(await screen.findByRole('button', { name: 'Send test event' })).toBeInTheDocument();
    expect(writes).toEqual([
      { method: 'PUT', body: JSON.stringify({ url: 'https://crm.example.com/hooks' }), csrf: '1' },
    ]);
    const secret = screen.getByTestId('signing-secret');
    expect(secret).not.toHaveTextContent(SECRET);
    await user.click(screen.getByRole('button', { name: 'Show secret' }));
    expect(secret).toHaveTextContent(SECRET);
    await expectNoAxeViolations();
  });

  it("shows the BFF's reason for refusing a URL next to the field", async () => {
    const { user } = await openWebhooks();
    await user.type(screen.getByLabelText('Endpoint URL'), 'http://crm.example.com/hooks');
    await user.click(screen.getByRole('button', { name: 'Register endpoint' }));
    const field = screen.getByLabelText('Endpoint URL');
    await waitFor(() => expect(field).toHaveAttribute('aria-invalid', 'true'));
    expect(field).toHaveAccessibleDescription(
      expect.stringContaining('The URL must start with https://'),
    );
    expect(screen.queryByRole('button', { name: 'Send test event' })).not.toBeInTheDocument();
  });

  it('lists deliveries with their attempts, answer and next retry', async () => {
    endpoint = registered();
    deliveries = [
      delivery({
        id: '2',
        eventType: 'member.removed',
        status: 'pending',
        attempts: 3,
        responseStatus: 503,
        lastError: 'The endpoint answered HTTP 503',
        nextAttemptAt: new Date(Date.now() + 5 * 60_000).toISOString(),
        deliveredAt: null,
      }),
      delivery({ id: '1' }),
    ];
    await openWebhooks();
    const table = await screen.findByRole('table', { name: 'Deliveries' });
    const [, retrying, delivered] = within(table).getAllByRole('row');
    expect(retrying).toHaveTextContent('member.removed');
    expect(retrying).toHaveTextContent('Retrying');
    expect(retrying).toHaveTextContent('The endpoint answered HTTP 503');
    expect(retrying).toHaveTextContent('in 5 minutes');
    expect(delivered).toHaveTextContent('member.invited');
    expect(delivered).toHaveTextContent('Delivered');
    expect(delivered).toHaveTextContent('HTTP 204');
  });

  it('sends a test event and shows it in the log at once', async () => {
    endpoint = registered();
    const { user } = await openWebhooks();
    expect(await screen.findByText('Nothing sent yet')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Send test event' }));
    const table = await screen.findByRole('table', { name: 'Deliveries' });
    expect(within(table).getByText('webhook.test')).toBeInTheDocument();
    expect(within(table).getByText('Queued')).toBeInTheDocument();
    expect(writes.map((write) => write.method)).toEqual(['POST']);
  });

  it('removes the endpoint after asking, and offers to register one again', async () => {
    endpoint = registered();
    const { user } = await openWebhooks();
    await user.click(await screen.findByRole('button', { name: 'Remove endpoint' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove the endpoint?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove endpoint' }));
    expect(await screen.findByRole('button', { name: 'Register endpoint' })).toBeInTheDocument();
    expect(screen.getByLabelText('Endpoint URL')).toHaveValue('');
    expect(writes.map((write) => write.method)).toEqual(['DELETE']);
  });

  it('is not there for members', async () => {
    bff.session = buildMemberSession();
    renderApp('/settings/webhooks');
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Webhooks' })).not.toBeInTheDocument();
  });
});
