import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '@/testing/axe';
import { buildMember, buildMemberSession } from '@/testing/fixtures';
import { bff, openEventStreams, pushTeamEvent } from '@/testing/handlers';
import { currentLocation, renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

async function openTeam() {
  const view = renderApp('/team');
  const table = await screen.findByRole('table', { name: 'Members' });
  return { ...view, table };
}

function row(email: string): HTMLElement {
  const cell = screen.getByRole('cell', { name: email });
  const tr = cell.closest('tr');
  if (!tr) throw new Error(`no row for ${email}`);
  return tr;
}

describe('the Team page', () => {
  it('lists members with name, email, role, status badge, inviter and expiry', async () => {
    await openTeam();
    expect(document.title).toBe('Team · Teamspace');
    const alan = within(row('alan@acme.test'));
    expect(alan.getByText('Alan Turing')).toBeInTheDocument();
    expect(alan.getByText('Member')).toBeInTheDocument();
    expect(alan.getByText('Pending')).toBeInTheDocument();
    // One short line; the inviter and exact dates are the details button's description.
    expect(
      within(row('alan@acme.test')).getByRole('cell', { name: /^Invited 3 days ago/ }),
    ).toHaveTextContent(/^Invited 3 days ago · expires in [34] days/);
    expect(
      within(row('alan@acme.test')).getByRole('button', {
        name: 'Invitation details for alan@acme.test',
      }),
    ).toHaveAccessibleDescription(/^Invited by ada@acme\.test on .+\. Expires on .+\.$/);
    expect(row('edsger@acme.test')).toHaveTextContent(/· expired (yesterday|1 day ago)/);
    expect(within(row('grace@acme.test')).getByText('Active')).toBeInTheDocument();
    expect(
      within(row('edsger@acme.test')).getByText('Expired', { selector: '.badge' }),
    ).toBeInTheDocument();
    expect(within(row('ada@acme.test')).getByText('(you)')).toBeInTheDocument();
  });

  it('says when active members joined, and shows no invitation for them', async () => {
    bff.members = [
      buildMember({ email: 'joined@acme.test', invitedBy: null, acceptedAt: null }),
      buildMember({ email: 'accepted@acme.test' }),
    ];
    await openTeam();
    // Never invited (seeded or added directly): the invitedAt is when they joined.
    expect(row('joined@acme.test')).toHaveTextContent(/Joined 3 days ago/);
    expect(row('accepted@acme.test')).toHaveTextContent(/Joined 2 days ago/);
    for (const email of ['joined@acme.test', 'accepted@acme.test']) {
      expect(row(email)).not.toHaveTextContent(/Invited|expires/i);
    }
  });

  it('has no axe violations, with the actions menu open too', async () => {
    const { user } = await openTeam();
    await expectNoAxeViolations();
    await user.click(screen.getByRole('button', { name: 'Actions for alan@acme.test' }));
    expect(screen.getByRole('menu')).toBeInTheDocument();
    await expectNoAxeViolations();
  });

  it('shows a loading state, then an empty state when nobody matches the search', async () => {
    const { user } = renderApp('/team');
    expect(await screen.findByText('Loading members…')).toBeInTheDocument();
    await screen.findByRole('table', { name: 'Members' });
    await user.type(screen.getByRole('searchbox', { name: 'Search members' }), 'nobody-here');
    expect(await screen.findByText('No members match')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByRole('table', { name: 'Members' })).toBeInTheDocument();
  });

  it('searches and filters by status through the BFF', async () => {
    const { user } = await openTeam();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Pending');
    await waitFor(() => expect(screen.queryByRole('cell', { name: 'grace@acme.test' })).toBeNull());
    expect(screen.getByRole('cell', { name: 'alan@acme.test' })).toBeInTheDocument();
    expect(bff.requests.some((request) => request.search.includes('status=pending'))).toBe(true);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'All statuses');
    await user.type(screen.getByRole('searchbox', { name: 'Search members' }), 'grace');
    await waitFor(() => expect(screen.queryByRole('cell', { name: 'alan@acme.test' })).toBeNull());
    expect(screen.getByRole('cell', { name: 'grace@acme.test' })).toBeInTheDocument();
    expect(bff.requests.some((request) => request.search.includes('search=grace'))).toBe(true);
  });

  it('pages through a large team with Next and Previous', async () => {
    bff.members = Array.from({ length: 30 }, (_, index) =>
      buildMember({ email: `p${String(index).padStart(2, '0')}@acme.test` }),
    );
    const { user } = await openTeam();
    expect(screen.getAllByRole('row')).toHaveLength(26); // header + 25
    expect(screen.getByRole('button', { name: 'Previous page' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByRole('cell', { name: 'p29@acme.test' })).toBeInTheDocument();
    expect(screen.getAllByRole('row')).toHaveLength(6);
    expect(screen.getByText('Page 2')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Previous page' }));
    expect(await screen.findByRole('cell', { name: 'p00@acme.test' })).toBeInTheDocument();
  });

  it('shows an error with a retry when the list cannot load', async () => {
    let failures = 1;
    server.use(
      http.get('/api/team/members', () => {
        if (failures-- > 0) return Response.error();
        return undefined;
      }),
    );
    const { user } = renderApp('/team');
    expect(await screen.findByText('The members could not be loaded')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('table', { name: 'Members' })).toBeInTheDocument();
  });

  it('renders markup in member names and emails as text', async () => {
    bff.members = [
      buildMember({ name: '<img src=x onerror=alert(1)>', email: '<script>x</script>@acme.test' }),
    ];
    const { table } = await openTeam();
    expect(within(table).getByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
    expect(within(table).getByText('<script>x</script>@acme.test')).toBeInTheDocument();
    expect(table.querySelector('img, script')).toBeNull();
  });

  it('turns a pending row Active when the BFF streams that the invitee accepted', async () => {
    await openTeam();
    await waitFor(() => expect(openEventStreams()).toBe(1));
    const alan = bff.members.find((member) => member.email === 'alan@acme.test');
    if (!alan) throw new Error('fixture missing');
    pushTeamEvent({
      type: 'member.updated',
      userId: alan.userId,
      member: { ...alan, status: 'active', expiresAt: null },
    });
    await waitFor(() =>
      expect(within(row('alan@acme.test')).getByText('Active')).toBeInTheDocument(),
    );
    expect(
      within(screen.getByRole('status')).getByText('alan@acme.test is now active.'),
    ).toBeInTheDocument();
  });

  it('adds and removes rows from named live events', async () => {
    await openTeam();
    await waitFor(() => expect(openEventStreams()).toBe(1));
    const newcomer = buildMember({ email: 'barbara@acme.test', status: 'pending' });
    pushTeamEvent({ type: 'member.added', userId: newcomer.userId, member: newcomer }, true);
    expect(await screen.findByRole('cell', { name: 'barbara@acme.test' })).toBeInTheDocument();
    pushTeamEvent({ type: 'member.removed', userId: 'usr_grace' }, true);
    await waitFor(() => expect(screen.queryByRole('cell', { name: 'grace@acme.test' })).toBeNull());
  });
});

describe('the Team page for a member who is not an admin', () => {
  it('is read-only: no invite, import or row actions, and no roles request', async () => {
    bff.session = buildMemberSession();
    const { table } = await openTeam();
    expect(screen.queryByRole('button', { name: 'Invite people' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Import CSV' })).not.toBeInTheDocument();
    expect(within(table).queryByRole('button', { name: /^Actions/ })).not.toBeInTheDocument();
    expect(screen.getByText(/Only administrators can invite/)).toBeInTheDocument();
    expect(bff.requests.some((request) => request.path === '/api/team/roles')).toBe(false);
    await expectNoAxeViolations();
  });
});

describe('the Team page rows', () => {
  it('shows the email as the label of someone without a name, and "just now" for a new invitation', async () => {
    bff.members = [
      buildMember({
        email: 'nameless@acme.test',
        name: '',
        givenName: '',
        familyName: '',
        status: 'pending',
        invitedAt: new Date().toISOString(),
      }),
    ];
    await openTeam();
    const cells = within(
      screen.getByTestId(`member-row-${bff.members[0]?.userId ?? ''}`),
    ).getAllByRole('cell');
    expect(cells[0]).toHaveTextContent(/^Nnameless@acme\.test$/);
    expect(screen.queryByText('No name')).not.toBeInTheDocument();
    expect(cells[4]).toHaveTextContent(/^Invited just now · expires in/);
  });

  it('names roles by their display name', async () => {
    await openTeam();
    expect(within(row('ada@acme.test')).getByRole('cell', { name: 'Admin' })).toBeInTheDocument();
  });
});

describe('the Team page URL', () => {
  it('keeps search, status and page in the URL, and opens where the URL says', async () => {
    bff.members = Array.from({ length: 30 }, (_, index) =>
      buildMember({ email: `p${String(index).padStart(2, '0')}@acme.test`, status: 'pending' }),
    );
    const { user, unmount } = await openTeam();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Pending');
    await user.type(screen.getByRole('searchbox', { name: 'Search members' }), 'acme');
    await waitFor(() => expect(currentLocation()).toBe('/team?q=acme&status=pending'));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Next page' })).not.toBeDisabled(),
    );
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByRole('cell', { name: 'p29@acme.test' })).toBeInTheDocument();
    const shared = currentLocation();
    expect(shared).toMatch(/^\/team\?q=acme&status=pending&page=2&after=[\w-]+$/);
    unmount();

    // A reload (or a shared link) opens the same filtered page, and Previous still works.
    const again = renderApp(shared);
    expect(await screen.findByRole('cell', { name: 'p29@acme.test' })).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Search members' })).toHaveValue('acme');
    expect(screen.getByRole('combobox', { name: 'Status' })).toHaveValue('pending');
    expect(screen.getByText('Page 2')).toBeInTheDocument();
    await again.user.click(screen.getByRole('button', { name: 'Previous page' }));
    expect(await screen.findByRole('cell', { name: 'p00@acme.test' })).toBeInTheDocument();
    expect(currentLocation()).toBe('/team?q=acme&status=pending');
  });

  it('ignores a status the app does not know', async () => {
    renderApp('/team?status=owner');
    await screen.findByRole('table', { name: 'Members' });
    expect(screen.getByRole('combobox', { name: 'Status' })).toHaveValue('');
    expect(bff.requests.some((request) => request.search.includes('owner'))).toBe(false);
  });
});

describe('an admin changing their own role', () => {
  it('is warned first, then sees the page as a member at once', async () => {
    const { user } = await openTeam();
    await user.click(screen.getByRole('button', { name: 'Actions for ada@acme.test' }));
    await user.click(screen.getByRole('menuitem', { name: 'Change role' }));
    const dialog = screen.getByRole('dialog', { name: 'Change role' });
    expect(within(dialog).queryByText('You are changing your own role')).toBeNull();
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Role' }), 'Member');
    expect(within(dialog).getByText('You are changing your own role')).toBeInTheDocument();
    await expectNoAxeViolations();

    // The BFF now answers the session with the new role.
    bff.session = { ...buildMemberSession(), user: bff.session?.user ?? buildMemberSession().user };
    const sessionReads = bff.requests.filter((request) => request.path === '/api/session').length;
    await user.click(within(dialog).getByRole('button', { name: 'Save and lose admin access' }));

    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Invite people' })).not.toBeInTheDocument(),
    );
    expect(screen.queryByRole('button', { name: 'Import CSV' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Actions for/ })).not.toBeInTheDocument();
    expect(screen.getByText(/Only administrators can invite/)).toBeInTheDocument();
    expect(
      bff.requests.filter((request) => request.path === '/api/session').length,
    ).toBeGreaterThan(sessionReads);
    expect(screen.getByRole('region', { name: 'Notifications' })).toHaveTextContent(
      'Your role is now Member. Admin controls are no longer shown.',
    );
    expect(screen.getByRole('table', { name: 'Members' })).toHaveFocus();
  });

  it('is not warned when changing someone else', async () => {
    const { user } = await openTeam();
    await user.click(screen.getByRole('button', { name: 'Actions for grace@acme.test' }));
    await user.click(screen.getByRole('menuitem', { name: 'Change role' }));
    const dialog = screen.getByRole('dialog', { name: 'Change role' });
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Role' }), 'Admin');
    expect(within(dialog).queryByText('You are changing your own role')).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Save role' }));
    expect(await screen.findByText('grace@acme.test now has the role Admin.')).toBeInTheDocument();
  });
});
