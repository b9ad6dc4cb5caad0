import { routes, type JoinRequestStatusResponse } from '@app/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '@/testing/axe';
import { bff, errorResponse } from '@/testing/handlers';
import { currentLocation, renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

const status = (overrides: Partial<JoinRequestStatusResponse> = {}): JoinRequestStatusResponse => ({
  email: 'peter@initech.test',
  statusToken: 'status-token-0123456789abcdef',
  requests: [
    {
      organizationName: 'Acme',
      status: 'pending',
      createdAt: '2026-11-30T10:00:00.000Z',
      decidedAt: null,
      declineReason: null,
    },
  ],
  ...overrides,
});

describe('asking to join from the sign-in page', () => {
  it('is offered on the sign-in screen and emails a link for the address given', async () => {
    bff.session = null;
    const bodies: unknown[] = [];
    server.use(
      http.post(routes.joinRequests, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json(
          { message: 'Check your inbox: we emailed you a link to confirm your request.' },
          { status: 202 },
        );
      }),
    );
    const signInScreen = renderApp('/sign-in');
    expect(await screen.findByRole('link', { name: 'ask to join' })).toHaveAttribute(
      'href',
      '/join-request',
    );
    signInScreen.unmount();

    const { user } = renderApp('/join-request');
    const card = await screen.findByRole('region', { name: 'Ask to join your team' });
    await user.type(
      within(card).getByRole('textbox', { name: 'Work email' }),
      'peter@initech.test',
    );
    await user.click(within(card).getByRole('button', { name: 'Ask to join' }));

    expect(
      await within(card).findByText(
        'Check your inbox: we emailed you a link to confirm your request.',
      ),
    ).toBeInTheDocument();
    expect(bodies).toEqual([{ email: 'peter@initech.test' }]);
    await expectNoAxeViolations();
  });

  it('says plainly when this server cannot take join requests', async () => {
    server.use(
      http.post(routes.joinRequests, () =>
        errorResponse({
          code: 'join_requests_unavailable',
          message: 'Asking to join is not available right now: this server cannot send email.',
        }),
      ),
    );
    const { user } = renderApp('/join-request');
    const card = await screen.findByRole('region', { name: 'Ask to join your team' });
    await user.type(within(card).getByRole('textbox', { name: 'Work email' }), 'a@b.test');
    await user.click(within(card).getByRole('button', { name: 'Ask to join' }));
    expect(await within(card).findByRole('alert')).toHaveTextContent(
      'Asking to join is not available right now',
    );
  });
});

describe('the requester’s status page', () => {
  it('confirms the emailed link once, shows the request waiting and keeps the status link', async () => {
    const confirmations: unknown[] = [];
    server.use(
      http.post(routes.joinRequestConfirm, async ({ request }) => {
        confirmations.push(await request.json());
        return HttpResponse.json(status());
      }),
      http.get(routes.joinRequestStatus, () => HttpResponse.json(status())),
    );
    renderApp('/join-request?confirm=confirm-token-0123456789abcdef');
    const card = await screen.findByRole('region', { name: 'Your request to join' });
    expect(await within(card).findByText('Waiting for an admin')).toBeInTheDocument();
    expect(within(card).getByText('Acme')).toBeInTheDocument();
    expect(confirmations).toEqual([{ token: 'confirm-token-0123456789abcdef' }]);
    await waitFor(() =>
      expect(currentLocation()).toBe('/join-request?token=status-token-0123456789abcdef'),
    );
    await expectNoAxeViolations();
  });

  it('shows a declined request with its reason', async () => {
    server.use(
      http.get(routes.joinRequestStatus, () =>
        HttpResponse.json(
          status({
            requests: [
              {
                organizationName: 'Acme',
                status: 'declined',
                createdAt: '2026-11-30T10:00:00.000Z',
                decidedAt: '2026-11-30T11:00:00.000Z',
                declineReason: 'Contractors join through their agency',
              },
            ],
          }),
        ),
      ),
    );
    renderApp('/join-request?token=status-token-0123456789abcdef');
    const card = await screen.findByRole('region', { name: 'Your request to join' });
    expect(await within(card).findByText('Declined')).toBeInTheDocument();
    expect(
      within(card).getByText('Reason: Contractors join through their agency'),
    ).toBeInTheDocument();
  });

  it('explains a used or expired link', async () => {
    server.use(
      http.post(routes.joinRequestConfirm, () =>
        errorResponse({
          code: 'invalid_link',
          message: 'This link was used already. Ask to join again.',
        }),
      ),
    );
    renderApp('/join-request?confirm=used-token-0123456789abcdef');
    const card = await screen.findByRole('region', { name: 'Your request to join' });
    expect(await within(card).findByRole('alert')).toHaveTextContent(
      'This link was used already. Ask to join again.',
    );
  });
});
