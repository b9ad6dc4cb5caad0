import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '@/testing/axe';
import { bff, errorResponse } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

async function openMenu(email: string) {
  const view = renderApp('/team');
  await screen.findByRole('table', { name: 'Members' });
  await view.user.click(screen.getByRole('button', { name: `Actions for ${email}` }));
  return view;
}

describe('row actions on the Team page', () => {
  it('offers resend, change role and revoke for a pending invitation', async () => {
    await openMenu('alan@acme.test');
    const items = within(screen.getByRole('menu')).getAllByRole('menuitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'Resend invite',
      'Change role',
      'Revoke invite',
    ]);
    expect(items[0]).toHaveFocus();
  });

  it('offers change role and remove for an active member, and no remove on oneself', async () => {
    const { user } = await openMenu('grace@acme.test');
    expect(
      within(screen.getByRole('menu'))
        .getAllByRole('menuitem')
        .map((item) => item.textContent),
    ).toEqual(['Change role', 'Remove member']);
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
    expect(screen.getByRole('menuitem', { name: 'Resend invite' })).toHaveFocus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(screen.getByRole('menuitem', { name: 'Revoke invite' })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('menuitem', { name: 'Resend invite' })).toHaveFocus();
    await user.keyboard('{End}{Enter}');
    expect(await screen.findByRole('dialog', { name: 'Revoke invitation?' })).toBeInTheDocument();
  });

  it('revokes an invitation only after confirmation, with the CSRF header', async () => {
    const { user } = await openMenu('alan@acme.test');
    await user.click(screen.getByRole('menuitem', { name: 'Revoke invite' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke invitation?' });
    await expectNoAxeViolations();
    // Cancel first: nothing is sent.
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(bff.writes()).toEqual([]);
    expect(screen.getByRole('button', { name: 'Actions for alan@acme.test' })).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Actions for alan@acme.test' }));
    await user.click(screen.getByRole('menuitem', { name: 'Revoke invite' }));
    await user.click(screen.getByRole('button', { name: 'Revoke invite' }));
    await waitFor(() => expect(screen.queryByRole('cell', { name: 'alan@acme.test' })).toBeNull());
    expect(screen.getByText('The invitation for alan@acme.test was revoked.')).toBeInTheDocument();
    expect(bff.writes()).toMatchObject([
      { method: 'DELETE', path: '/api/team/members/usr_alan', csrf: '1' },
    ]);
  });

  it('removes a member after confirmation', async () => {
    const { user } = await openMenu('grace@acme.test');
    await user.click(screen.getByRole('menuitem', { name: 'Remove member' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove member?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove member' }));
    await waitFor(() => expect(screen.queryByRole('cell', { name: 'grace@acme.test' })).toBeNull());
    expect(
      screen.getByText('grace@acme.test was removed from your organization.'),
    ).toBeInTheDocument();
  });

  it('keeps the dialog open with a readable message when the BFF refuses', async () => {
    server.use(
      http.delete('/api/team/members/:userId', () =>
        errorResponse({
          code: 'last_admin',
          message: 'The organization needs at least one admin.',
        }),
      ),
    );
    const { user } = await openMenu('grace@acme.test');
    await user.click(screen.getByRole('menuitem', { name: 'Remove member' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove member?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove member' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The organization needs at least one admin.',
    );
    expect(screen.getByRole('cell', { name: 'grace@acme.test' })).toBeInTheDocument();
  });

  it('resends an invitation after confirmation', async () => {
    const { user } = await openMenu('edsger@acme.test');
    await user.click(screen.getByRole('menuitem', { name: 'Resend invite' }));
    const dialog = screen.getByRole('dialog', { name: 'Resend invitation?' });
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
    await user.click(screen.getByRole('menuitem', { name: 'Change role' }));
    const dialog = screen.getByRole('dialog', { name: 'Change role' });
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

  it('reloads the session after the admin changes their own role, so admin controls go away', async () => {
    const { user } = await openMenu('ada@acme.test');
    await user.click(screen.getByRole('menuitem', { name: 'Change role' }));
    const dialog = screen.getByRole('dialog', { name: 'Change role' });
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Role' }), 'Member');
    await user.click(within(dialog).getByRole('button', { name: 'Save role' }));
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Invite people' })).not.toBeInTheDocument(),
    );
    expect(screen.queryByRole('button', { name: 'Actions for grace@acme.test' })).toBeNull();
  });

  it('closes a dialog with Escape', async () => {
    const { user } = await openMenu('grace@acme.test');
    await user.click(screen.getByRole('menuitem', { name: 'Remove member' }));
    expect(screen.getByRole('dialog', { name: 'Remove member?' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
