import {
  routes,
  type AccessRequest,
  type BulkDecisionBody,
  type BulkDecisionResult,
} from '@app/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '@/testing/axe';
import { buildMemberSession } from '@/testing/fixtures';
import { bff, errorResponse } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

let sequence = 0;
function buildRequest(overrides: Partial<AccessRequest> = {}): AccessRequest {
  sequence += 1;
  return {
    id: `req_test${String(sequence).padStart(8, '0')}`,
    kind: 'proposal',
    status: 'pending',
    email: `person${sequence}@acme.test`,
    givenName: '',
    familyName: '',
    suggestedRole: null,
    note: '',
    requestedBy: 'grace@acme.test',
    createdAt: '2026-11-30T10:00:00.000Z',
    decidedBy: null,
    decidedAt: null,
    role: null,
    declineReason: null,
    ...overrides,
  };
}

/** Answers every decision as made, and keeps the bodies sent. */
function decideAll(): BulkDecisionBody[] {
  const sent: BulkDecisionBody[] = [];
  server.use(
    http.post(routes.requestDecisions, async ({ request }) => {
      const body = (await request.json()) as BulkDecisionBody;
      sent.push(body);
      const results: BulkDecisionResult[] = body.requestIds.map((id) => {
        const found = bff.accessRequests.find((entry) => entry.id === id);
        const status = body.decision === 'approve' ? 'approved' : 'declined';
        return {
          requestId: id,
          outcome: 'decided',
          ...(found ? { request: { ...found, status } } : {}),
        };
      });
      bff.accessRequests = bff.accessRequests.filter(
        (entry) => !body.requestIds.includes(entry.id),
      );
      return HttpResponse.json({ results });
    }),
  );
  return sent;
}

async function openInbox() {
  const view = renderApp('/team');
  const inbox = await screen.findByRole('region', { name: /Requests/ });
  return { ...view, inbox };
}

describe('the approval inbox on the Team page', () => {
  it('shows what waits, with a count, from every kind of request', async () => {
    bff.accessRequests = [
      buildRequest({ email: 'ann@acme.test', note: 'Our new designer' }),
      buildRequest({ email: 'bo@initech.test', kind: 'join', requestedBy: 'bo@initech.test' }),
      buildRequest({ email: 'cy@acme.test', kind: 'seat_limit', requestedBy: 'ada@acme.test' }),
    ];
    const { inbox } = await openInbox();

    expect(await within(inbox).findByLabelText('3 waiting')).toBeInTheDocument();
    expect(within(inbox).getByText('Our new designer')).toBeInTheDocument();
    expect(within(inbox).getByText('Asked to join')).toBeInTheDocument();
    expect(within(inbox).getByText('Held back by the seat limit')).toBeInTheDocument();
    await expectNoAxeViolations();
  });

  it('approves one request with the role the admin picks', async () => {
    const waiting = buildRequest({ email: 'ann@acme.test', suggestedRole: 'member' });
    bff.accessRequests = [waiting];
    const sent = decideAll();
    const { user, inbox } = await openInbox();

    await user.click(await within(inbox).findByRole('button', { name: 'Approve ann@acme.test' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approve ann@acme.test' });
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Role' }), 'admin');
    await user.click(within(dialog).getByRole('button', { name: 'Approve and invite' }));

    expect(
      await screen.findByText('ann@acme.test approved (invitation sent).'),
    ).toBeInTheDocument();
    expect(sent).toEqual([{ decision: 'approve', requestIds: [waiting.id], role: 'admin' }]);
    expect(await within(inbox).findByText('No requests waiting')).toBeInTheDocument();
  });

  it('asks for a reason before declining, then sends it', async () => {
    const waiting = buildRequest({ email: 'bo@acme.test' });
    bff.accessRequests = [waiting];
    const sent = decideAll();
    const { user, inbox } = await openInbox();

    await user.click(await within(inbox).findByRole('button', { name: 'Decline bo@acme.test' }));
    const dialog = await screen.findByRole('dialog', { name: 'Decline bo@acme.test' });
    await user.click(within(dialog).getByRole('button', { name: 'Decline' }));
    expect(within(dialog).getByRole('textbox', { name: 'Reason' })).toHaveAccessibleDescription(
      'Give a reason: the requester reads it',
    );
    expect(sent).toEqual([]);

    await user.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Not hiring');
    await user.click(within(dialog).getByRole('button', { name: 'Decline' }));
    await waitFor(() =>
      expect(sent).toEqual([
        { decision: 'decline', requestIds: [waiting.id], reason: 'Not hiring' },
      ]),
    );
  });

  it('approves the selected requests at once and says which were refused and why', async () => {
    const [one, two] = [buildRequest(), buildRequest()];
    bff.accessRequests = [one, two];
    server.use(
      http.post(routes.requestDecisions, () =>
        HttpResponse.json({
          results: [
            { requestId: one.id, outcome: 'decided', request: { ...one, status: 'approved' } },
            {
              requestId: two.id,
              outcome: 'refused',
              code: 'seat_limit_reached',
              message:
                'All 5 seats are taken (1 pending). Raise the limit or remove someone first.',
            },
          ],
        }),
      ),
    );
    const { user, inbox } = await openInbox();

    await user.click(await within(inbox).findByRole('checkbox', { name: `Select ${one.email}` }));
    await user.click(within(inbox).getByRole('checkbox', { name: `Select ${two.email}` }));
    await user.click(within(inbox).getByRole('button', { name: 'Approve selected (2)' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approve 2 people' });
    await user.click(within(dialog).getByRole('button', { name: 'Approve and invite' }));

    expect(
      await screen.findByText(
        '1 request approved (invitation sent). 1 not decided: All 5 seats are taken (1 pending). Raise the limit or remove someone first.',
      ),
    ).toBeInTheDocument();
  });

  it('keeps the dialog open with the reason when the whole decision fails', async () => {
    bff.accessRequests = [buildRequest({ email: 'dee@acme.test' })];
    server.use(
      http.post(routes.requestDecisions, () =>
        errorResponse({ code: 'identity_unavailable', message: 'down' }),
      ),
    );
    const { user, inbox } = await openInbox();
    await user.click(await within(inbox).findByRole('button', { name: 'Approve dee@acme.test' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approve dee@acme.test' });
    await user.click(within(dialog).getByRole('button', { name: 'Approve and invite' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The identity service is unavailable right now.',
    );
  });
});

describe('a member on the Team page', () => {
  it('proposes someone and sees the proposal waiting, never the inbox of others', async () => {
    bff.session = buildMemberSession();
    bff.accessRequests = [
      buildRequest({ email: 'mine@acme.test', status: 'declined', declineReason: 'Budget' }),
      buildRequest({ email: 'theirs@acme.test', requestedBy: 'ada@acme.test' }),
    ];
    const sent: { csrf: string | null; body: unknown }[] = [];
    server.use(
      http.post(routes.requests, async ({ request }) => {
        const body = (await request.json()) as { email: string; note?: string };
        sent.push({ csrf: request.headers.get('x-csrf'), body });
        const created = buildRequest({ email: body.email, note: body.note ?? '' });
        bff.accessRequests.push(created);
        return HttpResponse.json({ request: created }, { status: 201 });
      }),
    );
    const view = renderApp('/team');
    const mine = await screen.findByRole('region', { name: 'Your proposals' });
    expect(await within(mine).findByText('Declined')).toBeInTheDocument();
    expect(within(mine).getByText('Budget')).toBeInTheDocument();
    expect(within(mine).queryByText(/theirs@acme.test/)).toBeNull();
    expect(within(mine).queryByRole('button', { name: /Approve/ })).toBeNull();

    await view.user.click(within(mine).getByRole('button', { name: 'Propose someone' }));
    const dialog = await screen.findByRole('dialog', { name: 'Propose someone' });
    await view.user.type(within(dialog).getByRole('textbox', { name: 'Email' }), 'new@acme.test');
    await view.user.type(
      within(dialog).getByRole('textbox', { name: /Why they should join/ }),
      'Great engineer',
    );
    await view.user.click(within(dialog).getByRole('button', { name: 'Send proposal' }));

    expect(
      await screen.findByText('Proposal sent: an admin will decide about new@acme.test.'),
    ).toBeInTheDocument();
    expect(sent).toEqual([{ csrf: '1', body: { email: 'new@acme.test', note: 'Great engineer' } }]);
    expect(await within(mine).findByText('new@acme.test')).toBeInTheDocument();
    await expectNoAxeViolations();
  });

  it('says what is wrong with the address before sending anything', async () => {
    bff.session = buildMemberSession();
    const view = renderApp('/team');
    const mine = await screen.findByRole('region', { name: 'Your proposals' });
    await view.user.click(within(mine).getByRole('button', { name: 'Propose someone' }));
    const dialog = await screen.findByRole('dialog', { name: 'Propose someone' });
    await view.user.type(within(dialog).getByRole('textbox', { name: 'Email' }), 'not-an-email');
    await view.user.click(within(dialog).getByRole('button', { name: 'Send proposal' }));
    expect(within(dialog).getByRole('textbox', { name: 'Email' })).toHaveAccessibleDescription(
      'Enter a valid email address',
    );
    expect(bff.writes()).toEqual([]);
  });
});
