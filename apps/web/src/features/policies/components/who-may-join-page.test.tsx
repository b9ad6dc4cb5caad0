// The "Who may join" screen against a fake BFF at the network edge (MSW): allowed domains listed,
// added and removed with refusals shown beside the field, the invitation policy saved with its
// exceptions, and the screen kept to admins.
import {
  AddAllowedDomainBodySchema,
  CSRF_HEADER,
  UpdateInvitationPolicyBodySchema,
  routes,
  type AllowedDomain,
  type InvitationPolicyResponse,
} from '@app/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '@/testing/axe';
import { buildMemberSession } from '@/testing/fixtures';
import { bff, errorResponse } from '@/testing/handlers';
import { currentLocation, renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

let domains: AllowedDomain[];
let policy: InvitationPolicyResponse;
let writes: { method: string; path: string; body: unknown; csrf: string | null }[];

beforeEach(() => {
  domains = [{ id: 'dom_1', domain: 'acme.test', createdAt: null }];
  policy = { policy: { mode: 'anyone', exceptions: [] }, updatedAt: null, updatedBy: null };
  writes = [];
  const record = async (request: Request) => {
    const text = await request.clone().text();
    writes.push({
      method: request.method,
      path: new URL(request.url).pathname,
      body: text === '' ? undefined : JSON.parse(text),
      csrf: request.headers.get(CSRF_HEADER),
    });
  };
  server.use(
    http.get(routes.allowedDomains, () => HttpResponse.json({ domains })),
    http.post(routes.allowedDomains, async ({ request }) => {
      await record(request);
      const { domain } = AddAllowedDomainBodySchema.parse(await request.json());
      if (domain === 'gmail.com') {
        return errorResponse({
          code: 'public_email_domain',
          message:
            'gmail.com is a public email provider: anyone can have an address there, so it cannot be an allowed domain.',
        });
      }
      const added = { id: `dom_${domains.length + 1}`, domain, createdAt: null };
      domains = [...domains, added];
      return HttpResponse.json({ domain: added }, { status: 201 });
    }),
    http.delete(`${routes.allowedDomains}/:id`, async ({ request, params }) => {
      await record(request);
      const removed = domains.find((entry) => entry.id === params.id);
      domains = domains.filter((entry) => entry.id !== params.id);
      return HttpResponse.json({ domain: removed });
    }),
    http.get(routes.invitationPolicy, () => HttpResponse.json(policy)),
    http.put(routes.invitationPolicy, async ({ request }) => {
      await record(request);
      const body = UpdateInvitationPolicyBodySchema.parse(await request.json());
      policy = {
        policy: { mode: body.mode, exceptions: body.exceptions },
        updatedAt: '2026-11-30T12:00:00.000Z',
        updatedBy: 'ada@acme.test',
      };
      return HttpResponse.json(policy);
    }),
  );
});

async function openAccess() {
  const view = renderApp('/team/access');
  await screen.findByRole('heading', { name: 'Who may join', level: 1 });
  // Both sections loaded: the policy's radios and the domains (a list, or the empty sentence).
  await screen.findByRole('radio', { name: /^Anyone/ });
  await screen.findByText(/^acme\.test$|No allowed domains yet/);
  return view;
}

describe('the Who may join screen', () => {
  it('shows an admin the allowed domains, what they mean, the seat line and the policy, accessibly', async () => {
    bff.seatLimit = 5;
    await openAccess();
    expect(screen.getByRole('list', { name: 'Allowed domains' })).toHaveTextContent('acme.test');
    expect(
      screen.getByText(/no invitation\s+needed\. Each person who joins takes a seat\./),
    ).toBeInTheDocument();
    expect(await screen.findByTestId('seat-summary')).toHaveTextContent('3 of 5 seats used');
    expect(await screen.findByRole('radio', { name: /^Anyone/ })).toBeChecked();
    await expectNoAxeViolations();
  });

  it('adds a domain, sent trimmed and lower-cased with the CSRF header', async () => {
    const { user } = await openAccess();
    await user.type(screen.getByLabelText('Add a domain'), '  Partner.TEST ');
    await user.click(screen.getByRole('button', { name: 'Add domain' }));

    const list = screen.getByRole('list', { name: 'Allowed domains' });
    expect(await within(list).findByText('partner.test')).toBeInTheDocument();
    expect(writes).toEqual([
      { method: 'POST', path: routes.allowedDomains, body: { domain: 'partner.test' }, csrf: '1' },
    ]);
    expect(screen.getByLabelText('Add a domain')).toHaveValue('');
  });

  it('shows the BFF’s refusal beside the field and keeps the list as it was', async () => {
    const { user } = await openAccess();
    await user.type(screen.getByLabelText('Add a domain'), 'gmail.com');
    await user.click(screen.getByRole('button', { name: 'Add domain' }));

    const field = screen.getByLabelText('Add a domain');
    await waitFor(() =>
      expect(field).toHaveAccessibleDescription(/gmail\.com is a public email provider/),
    );
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(
      within(screen.getByRole('list', { name: 'Allowed domains' })).getAllByRole('listitem'),
    ).toHaveLength(1);
  });

  it('refuses something that is not a domain name before sending anything', async () => {
    const { user } = await openAccess();
    await user.type(screen.getByLabelText('Add a domain'), 'https://partner.test/');
    await user.click(screen.getByRole('button', { name: 'Add domain' }));

    expect(screen.getByLabelText('Add a domain')).toHaveAccessibleDescription(/domain name only/);
    expect(writes).toEqual([]);
  });

  it('removes a domain', async () => {
    const { user } = await openAccess();
    await user.click(screen.getByRole('button', { name: 'Remove acme.test' }));

    expect(await screen.findByText(/No allowed domains yet/)).toBeInTheDocument();
    expect(writes).toMatchObject([{ method: 'DELETE', path: routes.allowedDomain('dom_1') }]);
  });

  it('saves the policy with its exception addresses, one per line', async () => {
    const { user } = await openAccess();
    await user.click(await screen.findByRole('radio', { name: /named exceptions/ }));
    await user.type(
      screen.getByLabelText('Exception addresses'),
      'Guest@Gmail.com{enter}partner@other.test',
    );
    await user.click(screen.getByRole('button', { name: 'Save policy' }));

    expect(await screen.findByText('The invitation policy is saved.')).toBeInTheDocument();
    expect(writes).toEqual([
      {
        method: 'PUT',
        path: routes.invitationPolicy,
        body: {
          mode: 'allowed_domains_and_exceptions',
          exceptions: ['guest@gmail.com', 'partner@other.test'],
        },
        csrf: '1',
      },
    ]);
  });

  it('refuses an exception that is not an email address before sending anything', async () => {
    const { user } = await openAccess();
    await user.click(await screen.findByRole('radio', { name: /named exceptions/ }));
    await user.type(screen.getByLabelText('Exception addresses'), 'not-an-address');
    await user.click(screen.getByRole('button', { name: 'Save policy' }));

    expect(screen.getByLabelText('Exception addresses')).toHaveAccessibleDescription(
      /not-an-address is not a valid email address/,
    );
    expect(writes).toEqual([]);
  });

  it('warns when a restrictive policy has no allowed domain to admit anyone', async () => {
    domains = [];
    const { user } = await openAccess();
    await user.click(await screen.findByRole('radio', { name: /Only the allowed domains/ }));
    expect(screen.getByText(/There are no allowed domains yet/)).toBeInTheDocument();
  });

  it('is linked from the Team page header for admins', async () => {
    const { user } = renderApp('/team');
    await user.click(await screen.findByRole('link', { name: 'Who may join' }));
    expect(
      await screen.findByRole('heading', { name: 'Who may join', level: 1 }),
    ).toBeInTheDocument();
  });

  it('sends a member back to the Team page', async () => {
    bff.session = buildMemberSession();
    renderApp('/team/access');
    await waitFor(() => expect(currentLocation()).toBe('/team'));
  });
});
