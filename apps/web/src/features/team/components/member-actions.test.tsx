import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '@/testing/axe';
import { bff, errorResponse } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';
import { UNDO_WINDOW_MS } from './use-undoable-removals';

function toastWith(text: string): HTMLElement {
  const item = within(screen.getByRole('status'))
    .getAllByRole('listitem')
    .find((candidate) => candidate.textContent.includes(text));
  if (!item) throw new Error(`no toast says "${text}"`);
  return item;
}

/** Picks a destructive row action and confirms it in its dialog. */
async function confirmFromMenu(
  user: UserEvent,
  email: string,
  action: 'Revoke invite' | 'Remove member',
  { reopen = true }: { reopen?: boolean } = {},
) {
  if (reopen) await user.click(screen.getByRole('button', { name: `Actions for ${email}` }));
  await user.click(await screen.findByRole('menuitem', { name: action }));
  const dialog = await screen.findByRole('dialog', {
    name: action === 'Revoke invite' ? 'Revoke invitation?' : 'Remove member?',
  });
  await user.click(within(dialog).getByRole('button', { name: action }));
}

/**
 * Sends what waits for the Undo window now, so no request of this test reaches the next one's
 * fake BFF when the page unmounts.
 */
async function sendPendingRemovals(user: UserEvent) {
  const before = bff.writes().length;
  const dismissals = within(screen.getByRole('status')).getAllByRole('button', {
    name: 'Dismiss notification',
  });
  for (const dismiss of dismissals) await user.click(dismiss);
  await waitFor(() => expect(bff.writes().length).toBeGreaterThan(before));
}

async function openMenu(email: string) {
  const view = renderApp('/team');
  await screen.findByRole('table', { name: 'Members' });
  await view.user.click(screen.getByRole('button', { name: `Actions for ${email}` }));
  // The open list is its own chunk, loaded on first use.
  await screen.findByRole('menu');
  return view;
}

describe('row actions on the Team page', () => {
  it('keeps the open menu under its button while the page scrolls, and closes it once the button is out of sight', async () => {
    await openMenu('alan@acme.test');
    const button = screen.getByRole('button', { name: 'Actions for alan@acme.test' });
    // jsdom lays nothing out: the button reports where a scroll has put it.
    const at = (top: number) => {
      button.getBoundingClientRect = () =>
        ({
          top,
          bottom: top + 32,
          left: 900,
          right: 980,
          width: 80,
          height: 32,
          x: 900,
          y: top,
        }) as DOMRect;
    };
    at(300);
    fireEvent.scroll(window);
    expect(await screen.findByRole('menu')).toHaveStyle({ top: '336px' });
    at(120);
    fireEvent.scroll(window);
    expect(screen.getByRole('menu')).toHaveStyle({ top: '156px' });
    at(-100);
    fireEvent.scroll(window);
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull());
  });

  it('offers details, resend, change role and revoke for a pending invitation', async () => {
    await openMenu('alan@acme.test');
    const items = within(screen.getByRole('menu')).getAllByRole('menuitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'View details',
      'Resend invite',
      'Change role',
      'Revoke invite',
    ]);
    expect(items[0]).toHaveFocus();
  });

  it('offers details, change role and remove for an active member, and no remove on oneself', async () => {
    const { user } = await openMenu('grace@acme.test');
    expect(
      within(screen.getByRole('menu'))
        .getAllByRole('menuitem')
        .map((item) => item.textContent),
    ).toEqual(['View details', 'Change role', 'Remove member']);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Actions for grace@acme.test' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Actions for ada@acme.test' }));
    expect(screen.queryByRole('menuitem', { name: 'Remove member' })).not.toBeInTheDocument();
  });

  it('is usable by keyboard alone: arrows move through the menu, Enter picks', async () => {
    const { user } = renderApp('/team');
    await screen.findByRole('table', { name: 'Members' });
    screen.getByRole('button', { name: 'Actions for alan@acme.test' }).focus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('menuitem', { name: 'View details' })).toHaveFocus();
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(screen.getByRole('menuitem', { name: 'Revoke invite' })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('menuitem', { name: 'View details' })).toHaveFocus();
    await user.keyboard('{End}{Enter}');
    expect(await screen.findByRole('dialog', { name: 'Revoke invitation?' })).toBeInTheDocument();
  });

  it('revokes an invitation only after confirmation, with the CSRF header', async () => {
    const { user } = await openMenu('alan@acme.test');
    await user.click(await screen.findByRole('menuitem', { name: 'Revoke invite' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke invitation?' });
    await expectNoAxeViolations();
    // Cancel first: nothing is sent.
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(bff.writes()).toEqual([]);
    expect(screen.getByRole('button', { name: 'Actions for alan@acme.test' })).toHaveFocus();

    await confirmFromMenu(user, 'alan@acme.test', 'Revoke invite');
    expect(screen.queryByRole('cell', { name: 'alan@acme.test' })).toBeNull();
    const toast = toastWith('The invitation for alan@acme.test was revoked.');
    // Nothing is sent while Undo is on offer; dismissing the toast sends it at once.
    expect(bff.writes()).toEqual([]);
    await user.click(within(toast).getByRole('button', { name: 'Dismiss notification' }));
    await waitFor(() =>
      expect(bff.writes()).toMatchObject([
        { method: 'DELETE', path: '/api/team/members/usr_alan', csrf: '1' },
      ]),
    );
    expect(screen.queryByRole('cell', { name: 'alan@acme.test' })).toBeNull();
  });

  it('sends the revoke by itself once the Undo window has passed', async () => {
    const { user } = await openMenu('alan@acme.test');
    await confirmFromMenu(user, 'alan@acme.test', 'Revoke invite', { reopen: false });
    expect(bff.writes()).toEqual([]);
    await waitFor(() => expect(bff.writes()).toHaveLength(1), {
      timeout: UNDO_WINDOW_MS + 3000,
    });
    expect(screen.queryByText('The invitation for alan@acme.test was revoked.')).toBeNull();
  });

  it('moves focus to the next row after a confirmed revoke, and announces it', async () => {
    const { user } = await openMenu('alan@acme.test');
    await confirmFromMenu(user, 'alan@acme.test', 'Revoke invite', { reopen: false });
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Actions for edsger@acme.test' })).toHaveFocus(),
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      'The invitation for alan@acme.test was revoked.',
    );
    await sendPendingRemovals(user);
  });

  it('moves focus to the previous row when the last row goes', async () => {
    bff.members = bff.members.filter((member) => member.email !== 'edsger@acme.test');
    const { user } = await openMenu('alan@acme.test');
    await confirmFromMenu(user, 'alan@acme.test', 'Revoke invite', { reopen: false });
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Actions for grace@acme.test' })).toHaveFocus(),
    );
    await sendPendingRemovals(user);
  });

  it('sends nothing when Undo is chosen, and puts the row and focus back', async () => {
    const { user } = await openMenu('grace@acme.test');
    await confirmFromMenu(user, 'grace@acme.test', 'Remove member', { reopen: false });
    const toast = toastWith('grace@acme.test was removed from your organization.');
    await user.click(within(toast).getByRole('button', { name: 'Undo' }));
    expect(await screen.findByRole('cell', { name: 'grace@acme.test' })).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Actions for grace@acme.test' })).toHaveFocus(),
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      'Undone: grace@acme.test is still a member.',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bff.writes()).toEqual([]);
  });

  it('sends a pending removal at once when the person leaves the Team page', async () => {
    const { user } = await openMenu('grace@acme.test');
    await confirmFromMenu(user, 'grace@acme.test', 'Remove member', { reopen: false });
    await user.click(screen.getByRole('link', { name: 'Profile' }));
    await waitFor(() =>
      expect(bff.writes()).toMatchObject([
        { method: 'DELETE', path: '/api/team/members/usr_grace' },
      ]),
    );
    expect(screen.queryByText(/was removed from your organization/)).toBeNull();
  });

  it('sends a pending removal when the tab is closed or reloaded', async () => {
    const { user } = await openMenu('grace@acme.test');
    await confirmFromMenu(user, 'grace@acme.test', 'Remove member', { reopen: false });
    window.dispatchEvent(new Event('pagehide'));
    await waitFor(() =>
      expect(bff.writes()).toMatchObject([
        { method: 'DELETE', path: '/api/team/members/usr_grace' },
      ]),
    );
  });

  it('puts the row back and says why when the BFF refuses the removal', async () => {
    server.use(
      http.delete('/api/team/members/:userId', () =>
        errorResponse({
          code: 'last_admin',
          message: 'The organization needs at least one admin.',
        }),
      ),
    );
    const { user } = await openMenu('grace@acme.test');
    await confirmFromMenu(user, 'grace@acme.test', 'Remove member', { reopen: false });
    const toast = toastWith('grace@acme.test was removed from your organization.');
    await user.click(within(toast).getByRole('button', { name: 'Dismiss notification' }));
    expect(await screen.findByRole('cell', { name: 'grace@acme.test' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(
      'grace@acme.test could not be removed. The organization needs at least one admin.',
    );
  });

  it('resends an invitation after confirmation', async () => {
    const { user } = await openMenu('edsger@acme.test');
    await user.click(await screen.findByRole('menuitem', { name: 'Resend invite' }));
    const dialog = await screen.findByRole('dialog', { name: 'Resend invitation?' });
    await user.click(within(dialog).getByRole('button', { name: 'Resend invite' }));
    expect(
      await screen.findByText('A new invitation was sent to edsger@acme.test.'),
    ).toBeInTheDocument();
    expect(bff.writes()).toMatchObject([
      { method: 'POST', path: '/api/team/members/usr_edsger/resend-invite', csrf: '1' },
    ]);
    expect(screen.getByRole('cell', { name: 'edsger@acme.test' }).closest('tr')).toHaveTextContent(
      'Pending',
    );
  });

  it('changes a role through the Change role dialog', async () => {
    const { user } = await openMenu('grace@acme.test');
    await user.click(await screen.findByRole('menuitem', { name: 'Change role' }));
    const dialog = await screen.findByRole('dialog', { name: 'Change role' });
    expect(within(dialog).getByRole('button', { name: 'Save role' })).toBeDisabled();
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Role' }), 'Admin');
    await expectNoAxeViolations();
    await user.click(within(dialog).getByRole('button', { name: 'Save role' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bff.writes()).toMatchObject([
      { method: 'PATCH', path: '/api/team/members/usr_grace', csrf: '1', body: '{"role":"admin"}' },
    ]);
    expect(screen.getByRole('cell', { name: 'grace@acme.test' }).closest('tr')).toHaveTextContent(
      'Admin',
    );
  });

  it('closes a dialog with Escape', async () => {
    const { user } = await openMenu('grace@acme.test');
    await user.click(await screen.findByRole('menuitem', { name: 'Remove member' }));
    expect(await screen.findByRole('dialog', { name: 'Remove member?' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
