import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '@/testing/axe';
import { bff, errorResponse } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

async function openInviteDialog() {
  const view = renderApp('/team');
  await screen.findByRole('table', { name: 'Members' });
  await view.user.click(screen.getByRole('button', { name: 'Invite people' }));
  const dialog = screen.getByRole('dialog', { name: 'Invite people' });
  // The roles load with the page; wait until the select offers them.
  await within(dialog).findByRole('option', { name: 'Admin' });
  return { ...view, dialog };
}

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

  it('invites several people at once, with names written as Name <email>', async () => {
    const { user, dialog } = await openInviteDialog();
    await user.type(
      within(dialog).getByLabelText('Email addresses'),
      'Barbara Liskov <barbara@acme.test>{Enter}ken@acme.test, ken@acme.test',
    );
    expect(within(dialog).queryByLabelText(/First name/)).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Send invitations' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByText('2 invitations sent.')).toBeInTheDocument();
    expect(invitations().map((request) => JSON.parse(request.body) as unknown)).toEqual([
      { email: 'barbara@acme.test', givenName: 'Barbara', familyName: 'Liskov', role: 'member' },
      { email: 'ken@acme.test', role: 'member' },
    ]);
  });

  it('says clearly who is already a member (409) and keeps only the failed addresses', async () => {
    const { user, dialog } = await openInviteDialog();
    const field = within(dialog).getByLabelText('Email addresses');
    await user.type(field, 'grace@acme.test{Enter}new@acme.test');
    await user.click(within(dialog).getByRole('button', { name: 'Send invitations' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('1 sent; 1 not sent');
    expect(alert).toHaveTextContent('grace@acme.test is already a member of your organization');
    expect(field).toHaveValue('grace@acme.test');
    expect(screen.getByText('Invitation sent to new@acme.test.')).toBeInTheDocument();
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
      http.post('/api/team/invitations', () => {
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
