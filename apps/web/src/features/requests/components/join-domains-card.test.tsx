// The request-to-join domains on the Who may join screen: listed, added and removed by an admin,
// with the BFF's refusal shown in its own words and nothing changed.
import { routes, type RequestJoinDomainsResponse } from '@app/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '@/testing/axe';
import { errorResponse } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

/** A BFF holding the domains in memory, refusing the public email provider gmail.com. */
function useDomains(initial: string[]): { domains: string[] } {
  const state = { domains: [...initial] };
  const answer = () =>
    HttpResponse.json<RequestJoinDomainsResponse>({
      domains: state.domains.map((domain) => ({ domain, createdAt: '2026-11-30T10:00:00.000Z' })),
      joinRequestsAvailable: true,
    });
  server.use(
    // The rest of the Who may join screen: no allowed domains, invitations open to anyone.
    http.get(routes.allowedDomains, () => HttpResponse.json({ domains: [] })),
    http.get(routes.invitationPolicy, () =>
      HttpResponse.json({
        policy: { mode: 'anyone', exceptions: [] },
        updatedAt: null,
        updatedBy: null,
      }),
    ),
    http.get(routes.requestJoinDomains, answer),
    http.post(routes.requestJoinDomains, async ({ request }) => {
      const { domain } = (await request.json()) as { domain: string };
      if (domain === 'gmail.com') {
        return errorResponse({
          code: 'domain_not_allowed',
          message: 'gmail.com is a public email provider: anyone can have an address there.',
        });
      }
      state.domains.push(domain);
      return answer();
    }),
    http.delete(`${routes.requestJoinDomains}/:domain`, ({ params }) => {
      state.domains = state.domains.filter((domain) => domain !== params.domain);
      return answer();
    }),
  );
  return state;
}

describe('the request-to-join domains', () => {
  it('lists, adds and removes domains on the Who may join screen', async () => {
    const state = useDomains(['initech.test']);
    const user = userEvent.setup();
    renderApp('/team/access');
    const card = await screen.findByRole('region', { name: 'Request-to-join domains' });
    const list = await within(card).findByRole('list', { name: 'Request-to-join domains' });
    expect(within(list).getByText('initech.test')).toBeInTheDocument();

    await user.type(within(card).getByLabelText(/Add a request-to-join domain/), 'acme.test');
    await user.click(within(card).getByRole('button', { name: 'Add domain for join requests' }));
    await within(list).findByText('acme.test');
    expect(state.domains).toEqual(['initech.test', 'acme.test']);
    expect(within(card).getByLabelText(/Add a request-to-join domain/)).toHaveValue('');

    await user.click(within(card).getByRole('button', { name: 'Remove initech.test' }));
    await waitFor(() => expect(within(card).queryByText('initech.test')).not.toBeInTheDocument());
    expect(state.domains).toEqual(['acme.test']);
    await expectNoAxeViolations(card);
  });

  it('shows the refusal of a public email domain and keeps the list as it was', async () => {
    const state = useDomains([]);
    const user = userEvent.setup();
    renderApp('/team/access');
    const card = await screen.findByRole('region', { name: 'Request-to-join domains' });
    await within(card).findByText('No request-to-join domains yet.');
    await user.type(within(card).getByLabelText(/Add a request-to-join domain/), 'gmail.com');
    await user.click(within(card).getByRole('button', { name: 'Add domain for join requests' }));
    expect(await within(card).findByText(/public email provider/)).toBeInTheDocument();
    expect(state.domains).toEqual([]);
  });

  it('is not on the Team page any more', async () => {
    useDomains(['initech.test']);
    renderApp('/team');
    await screen.findByRole('heading', { name: 'Team' });
    expect(screen.queryByRole('region', { name: 'Request-to-join domains' })).toBeNull();
  });
});
