import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '@/testing/axe';
import { bff, errorResponse, ndjson } from '@/testing/handlers';
import type { BulkInviteEvent } from '@app/contracts';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

async function openInviteDialog() {
  const view = renderApp('/team');
  await screen.findByRole('table', { name: 'Members' });
  await view.user.click(screen.getByRole('button', { name: 'Invite people' }));
  // The dialog's code loads on this first click.
  const dialog = await screen.findByRole('dialog', { name: 'Invite people' });
  // The roles load with the page; wait until the select offers them.
  await within(dialog).findByRole('option', { name: 'Admin' });
  return { ...view, dialog };
}

function bulkRequests() {
  return bff.writes().filter((request) => request.path === '/api/team/invitations/bulk');
}

const bulkRow = (
  line: number,
  email: string,
  outcome: 'invited' | 'already_member' | 'rejected',
  done: number,
  total: number,
  reason?: string,
): BulkInviteEvent => ({
  type: 'row',
  line,
  email,
  outcome,
  done,
  total,
  ...(reason ? { reason } : {}),
});

function invitations() {
  return bff.writes().filter((request) => request.path === '/api/team/invitations');
}

describe('the invite dialog', () => {
  it('opens with the focus in "Email addresses" and has no axe violations', async () => {
    const { dialog } = await openInviteDialog();
    expect(within(dialog).getByLabelText('Email addresses')).toHaveFocus();
    expect(within(dialog).getByRole('combobox', { name: 'Role' })).toHaveValue('member');
    await expectNoAxeViolations();
  });

  it('checks the addresses with the contracts before sending anything', async () => {
    const { user, dialog } = await openInviteDialog();
    await user.click(within(dialog).getByRole('button', { name: 'Send invitations' }));
    expect(within(dialog).getByText('Enter at least one email address.')).toBeInTheDocument();

    await user.type(within(dialog).getByLabelText('Email addresses'), 'ok@acme.test, not-an-email');
    await user.click(within(dialog).getByRole('button', { name: 'Send invitations' }));
    const field = within(dialog).getByLabelText('Email addresses');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(/"not-an-email": Enter a valid email address/);
    expect(invitations()).toEqual([]);
    await expectNoAxeViolations();
  });

  it('puts each bad address on its own line', async () => {
    const { user, dialog } = await openInviteDialog();
    await user.type(within(dialog).getByLabelText('Email addresses'), 'first-bad, second-bad');
    await user.click(within(dialog).getByRole('button', { name: 'Send invitations' }));
    const error = dialog.querySelector('.field__error');
    expect(error?.textContent).toBe(
      '"first-bad": Enter a valid email address\n"second-bad": Enter a valid email address',
    );
    expect(invitations()).toEqual([]);
  });

  it('invites one person with a name and role, sending the CSRF header', async () => {
    const { user, dialog } = await openInviteDialog();
    await user.type(within(dialog).getByLabelText('Email addresses'), 'Barbara@Acme.test');
    await user.type(within(dialog).getByLabelText(/First name/), 'Barbara');
    await user.type(within(dialog).getByLabelText(/Last name/), 'Liskov');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Role' }), 'Admin');
    await user.click(within(dialog).getByRole('button', { name: 'Send invitations' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByText('Invitation sent to barbara@acme.test.')).toBeInTheDocument();
    expect(await screen.findByRole('cell', { name: 'barbara@acme.test' })).toBeInTheDocument();
    const [request] = invitations();
    expect(request?.csrf).toBe('1');
    expect(request?.contentType).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual({
      email: 'barbara@acme.test',
      givenName: 'Barbara',
      familyName: 'Liskov',
      role: 'admin',
    });
  });

  it("sends one person's external id and metadata, leaving blank rows out", async () => {
    const { user, dialog } = await openInviteDialog();
    await user.type(within(dialog).getByLabelText('Email addresses'), 'ivy@acme.test');
    await user.type(within(dialog).getByLabelText(/External id/), 'crm-user-87425');
    await user.click(within(dialog).getByRole('button', { name: 'Add metadata' }));
    await user.type(within(dialog).getByLabelText('Metadata key 1'), 'department');
    await user.type(within(dialog).getByLabelText('Metadata value 1'), 'Sales');
    await user.click(within(dialog).getByRole('button', { name: 'Add metadata' }));
    await user.click(within(dialog).getByRole('button', { name: 'Send invitations' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(JSON.parse(invitations()[0]?.body ?? '')).toEqual({
      email: 'ivy@acme.test',
      role: 'member',
      externalId: 'crm-user-87425',
      metadata: { department: 'Sales' },
    });
  });

  it("holds back metadata outside Scalekit's limits, saying which key", async () => {
    const { user, dialog } = await openInviteDialog();
    await user.type(within(dialog).getByLabelText('Email addresses'), 'ivy@acme.test');
    await user.click(within(dialog).getByRole('button', { name: 'Add metadata' }));
    await user.type(within(dialog).getByLabelText('Metadata key 1'), 'ab');
    await user.type(within(dialog).getByLabelText('Metadata value 1'), 'x');
    await user.click(within(dialog).getByRole('button', { name: 'Send invitations' }));
    expect(
      await within(dialog).findByText('Metadata key "ab" must have 3 to 25 characters'),
    ).toBeInTheDocument();
    expect(invitations()).toEqual([]);
  });

  it('sends several addresses as one bulk request and shows its progress', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    server.use(
      http.post('/api/team/invitations/bulk', async ({ request }) => {
        bff.requests.push({
          method: 'POST',
          path: new URL(request.url).pathname,
          search: new URL(request.url).search,
          csrf: request.headers.get('x-csrf'),
          contentType: request.headers.get('content-type'),
          body: await request.text(),
        });
        const encoder = new TextEncoder();
        const send = (
          controller: ReadableStreamDefaultController<Uint8Array>,
          event: BulkInviteEvent,
        ) => controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
        return new Response(
          new ReadableStream<Uint8Array>({
            async start(controller) {
              send(controller, { type: 'started', total: 3 });
              send(controller, bulkRow(2, 'barbara@acme.test', 'invited', 1, 3));
              await gate;
              send(controller, bulkRow(3, 'ken@acme.test', 'invited', 2, 3));
              send(controller, bulkRow(4, 'edsger@acme.test', 'invited', 3, 3));
              send(controller, {
                type: 'finished',
                total: 3,
                invited: 3,
                alreadyMember: 0,
                rejected: 0,
                notAttempted: 0,
                interrupted: null,
              });
              controller.close();
            },
          }),
          { headers: { 'content-type': 'application/x-ndjson' } },
        );
      }),
    );
    const { user, dialog } = await openInviteDialog();
    await user.type(
      within(dialog).getByLabelText('Email addresses'),
      'Barbara Liskov <barbara@acme.test>{Enter}ken@acme.test, ken@acme.test; edsger@acme.test',
    );
    expect(within(dialog).queryByLabelText(/First name/)).not.toBeInTheDocument();
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Role' }), 'Admin');
    await user.click(within(dialog).getByRole('button', { name: 'Send invitations' }));

    const progress = await within(dialog).findByRole('progressbar', { name: 'Invitations sent' });
    await waitFor(() => expect(progress).toHaveAttribute('value', '1'));
    expect(within(dialog).getByText('1 of 3 (33%)')).toBeInTheDocument();
    release();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByText('3 invitations sent.')).toBeInTheDocument();
    expect(invitations()).toEqual([]);
    const [sent] = bulkRequests();
    expect(sent).toMatchObject({
      search: '?defaultRole=admin',
      csrf: '1',
      contentType: 'text/csv',
    });
    expect(sent?.body).toBe(
      [
        'email,first name,last name',
        '"barbara@acme.test","Barbara","Liskov"',
        '"ken@acme.test","",""',
        '"edsger@acme.test","",""',
      ].join('\r\n'),
    );
  });

  it('reports each address the bulk request did not invite, with its reason, and keeps only those', async () => {
    server.use(
      http.post('/api/team/invitations/bulk', () =>
        ndjson([
          { type: 'started', total: 2 },
          bulkRow(2, 'grace@acme.test', 'already_member', 1, 2, 'Already a member.'),
          bulkRow(3, 'new@acme.test', 'invited', 2, 2),
          {
            type: 'finished',
            total: 2,
            invited: 1,
            alreadyMember: 1,
            rejected: 0,
            notAttempted: 0,
            interrupted: null,
          },
        ]),
      ),
    );
    const { user, dialog } = await openInviteDialog();
    const field = within(dialog).getByLabelText('Email addresses');
    await user.type(field, 'grace@acme.test{Enter}new@acme.test');
    await user.click(within(dialog).getByRole('button', { name: 'Send invitations' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('1 sent; 1 not sent');
    expect(alert).toHaveTextContent('grace@acme.test Already a member.');
    expect(field).toHaveValue('grace@acme.test');
    expect(screen.getByText('Invitation sent to new@acme.test.')).toBeInTheDocument();
  });

  it('says clearly when the one address is already a member (409)', async () => {
    const { user, dialog } = await openInviteDialog();
    await user.type(within(dialog).getByLabelText('Email addresses'), 'grace@acme.test');
    await user.click(within(dialog).getByRole('button', { name: 'Send invitations' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'grace@acme.test is already a member of your organization',
    );
  });

  it('shows the fields the BFF rejected (422)', async () => {
    server.use(
      http.post('/api/team/invitations', () =>
        errorResponse({
          code: 'validation_failed',
          message: 'Invalid invitation',
          issues: [{ path: 'role', message: 'This role does not exist in your organization' }],
        }),
      ),
    );
    const { user, dialog } = await openInviteDialog();
    await user.type(within(dialog).getByLabelText('Email addresses'), 'new@acme.test');
    await user.click(within(dialog).getByRole('button', { name: 'Send invitations' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'new@acme.test This role does not exist in your organization',
    );
  });

  it('stops at the rate limit (429) and says when to try again', async () => {
    let attempts = 0;
    server.use(
      http.post('/api/team/invitations/bulk', () => {
        attempts += 1;
        return errorResponse(
          { code: 'rate_limited', message: 'Slow down', retryAfterSeconds: 30 },
          { 'retry-after': '30' },
        );
      }),
    );
    const { user, dialog } = await openInviteDialog();
    await user.type(within(dialog).getByLabelText('Email addresses'), 'a@acme.test, b@acme.test');
    await user.click(within(dialog).getByRole('button', { name: 'Send invitations' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Too many requests in a short time. Try again in 30 seconds.');
    expect(alert).toHaveTextContent('a@acme.test was not sent');
    expect(alert).toHaveTextContent('b@acme.test was not sent');
    expect(attempts).toBe(1);
  });
});

describe('the invite dialog at the seat limit', () => {
  it('shows the seat_limit_reached message and keeps the address to retry', async () => {
    const full = 'All 3 seats are taken (1 pending). Raise the limit or remove someone first.';
    server.use(
      http.post('/api/team/invitations', () =>
        errorResponse({ code: 'seat_limit_reached', message: full }),
      ),
    );
    const { user, dialog } = await openInviteDialog();
    const field = within(dialog).getByLabelText('Email addresses');
    await user.type(field, 'new@acme.test');
    await user.click(within(dialog).getByRole('button', { name: 'Send invitations' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(full);
    expect(field).toHaveValue('new@acme.test');
  });
});
