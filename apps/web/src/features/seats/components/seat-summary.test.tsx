import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '@/testing/axe';
import { buildSession } from '@/testing/fixtures';
import { bff, errorResponse } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

// The fake team: Ada and Grace active, Alan pending, Edsger expired: 3 seats taken, 1 pending.

function seatWrites() {
  return bff.writes().filter((request) => request.path === '/api/team/seats');
}

async function openTeam() {
  const view = renderApp('/team');
  await screen.findByRole('table', { name: 'Members' });
  return view;
}

describe('the seat summary on the Team page', () => {
  it('shows an admin the seats used against the limit', async () => {
    bff.seatLimit = 5;
    await openTeam();
    expect(await screen.findByTestId('seat-summary')).toHaveTextContent(
      '3 of 5 seats used (1 pending)',
    );
  });

  it('says when there is no limit', async () => {
    await openTeam();
    expect(await screen.findByTestId('seat-summary')).toHaveTextContent(
      '3 seats used (1 pending), no limit',
    );
  });

  it('is not shown to members, who never ask for the seats', async () => {
    bff.session = buildSession({ roles: ['member'], isAdmin: false });
    await openTeam();
    expect(screen.queryByTestId('seat-summary')).toBeNull();
    // The previous test's last request may reach the fake BFF after the reset: count from this
    // page's first request on.
    const fromThisPage = bff.requests.slice(
      bff.requests.findIndex((request) => request.path === '/api/session'),
    );
    expect(fromThisPage.some((request) => request.path === '/api/team/seats')).toBe(false);
  });
});

describe('the seat limit dialog', () => {
  async function openDialog() {
    bff.seatLimit = 5;
    const view = await openTeam();
    const summary = await screen.findByTestId('seat-summary');
    await view.user.click(within(summary).getByRole('button', { name: 'Change limit' }));
    // The dialog's code loads on this first click.
    const dialog = await screen.findByRole('dialog', { name: 'Seat limit' });
    return { ...view, dialog };
  }

  it('refuses a limit below 1 before sending anything', async () => {
    const { user, dialog } = await openDialog();
    const field = within(dialog).getByLabelText('Seats');
    await user.clear(field);
    await user.type(field, '0');
    await user.click(within(dialog).getByRole('button', { name: 'Save limit' }));
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(/at least 1/);
    expect(seatWrites()).toEqual([]);
    await expectNoAxeViolations();
  });

  it('saves a new limit with the CSRF header, confirms it with a toast and updates the summary', async () => {
    const { user, dialog } = await openDialog();
    const field = within(dialog).getByLabelText('Seats');
    await user.clear(field);
    await user.type(field, '12');
    await user.click(within(dialog).getByRole('button', { name: 'Save limit' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByText('The seat limit is now 12.')).toBeInTheDocument();
    expect(screen.getByTestId('seat-summary')).toHaveTextContent('3 of 12 seats used (1 pending)');
    const [write] = seatWrites();
    expect(write?.csrf).toBe('1');
    expect(JSON.parse(write?.body ?? '')).toEqual({ limit: 12 });
  });

  it('removes the limit with "No limit"', async () => {
    const { user, dialog } = await openDialog();
    await user.click(within(dialog).getByRole('checkbox', { name: 'No limit' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save limit' }));
    expect(await screen.findByText('The seat limit is removed.')).toBeInTheDocument();
    expect(JSON.parse(seatWrites()[0]?.body ?? '')).toEqual({ limit: null });
  });

  it('warns when the new limit is below the seats taken', async () => {
    const { user, dialog } = await openDialog();
    const field = within(dialog).getByLabelText('Seats');
    await user.clear(field);
    await user.type(field, '2');
    expect(within(dialog).getByText(/below the 3 seats taken/)).toBeInTheDocument();
  });

  it('keeps the dialog open with the reason when the BFF refuses', async () => {
    server.use(
      http.put('/api/team/seats', () =>
        errorResponse({ code: 'forbidden', message: 'Admins only' }),
      ),
    );
    const { user, dialog } = await openDialog();
    await user.click(within(dialog).getByRole('button', { name: 'Save limit' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'You do not have permission to do this.',
    );
  });
});
