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

/** The cell of `email`'s row under the column headed `column`. */
function cell(email: string, column: string): HTMLElement {
  const headers = screen.getAllByRole('columnheader');
  const index = headers.findIndex((header) => header.textContent?.startsWith(column));
  const found = within(row(email)).getAllByRole('cell')[index];
  if (index < 0 || !found) throw new Error(`no ${column} cell for ${email}`);
  return found;
}

function emailsOnScreen(): string[] {
  return screen
    .getAllByRole('row')
    .slice(1)
    .map((tr) => within(tr).getAllByRole('cell')[1]?.textContent ?? '');
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
    expect(cell('alan@acme.test', 'Invited')).toHaveTextContent(
      /^3 days ago · expires in [34] days/,
    );
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

  it('says when active members joined, and shows no open invitation for them', async () => {
    bff.members = [
      buildMember({ email: 'joined@acme.test', invitedBy: null, acceptedAt: null }),
      buildMember({ email: 'accepted@acme.test' }),
    ];
    await openTeam();
    // Never invited (seeded or added directly): the invitedAt is when they joined.
    expect(cell('joined@acme.test', 'Joined')).toHaveTextContent(/^3 days ago$/);
    expect(cell('joined@acme.test', 'Invited')).toHaveTextContent(/^—$/);
    expect(cell('accepted@acme.test', 'Joined')).toHaveTextContent(/^2 days ago$/);
    expect(cell('accepted@acme.test', 'Invited')).toHaveTextContent(/^3 days ago/);
    for (const email of ['joined@acme.test', 'accepted@acme.test']) {
      expect(row(email)).not.toHaveTextContent(/expires/i);
    }
  });

  it('has no axe violations, with the actions menu open too', async () => {
    const { user } = await openTeam();
    await expectNoAxeViolations();
    await user.click(screen.getByRole('button', { name: 'Actions for alan@acme.test' }));
    expect(await screen.findByRole('menu')).toBeInTheDocument();
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
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'pending');
    await waitFor(() => expect(screen.queryByRole('cell', { name: 'grace@acme.test' })).toBeNull());
    expect(screen.getByRole('cell', { name: 'alan@acme.test' })).toBeInTheDocument();
    expect(bff.requests.some((request) => request.search.includes('status=pending'))).toBe(true);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), '');
    await user.type(screen.getByRole('searchbox', { name: 'Search members' }), 'grace');
    await waitFor(() => expect(screen.queryByRole('cell', { name: 'alan@acme.test' })).toBeNull());
    expect(screen.getByRole('cell', { name: 'grace@acme.test' })).toBeInTheDocument();
    expect(bff.requests.some((request) => request.search.includes('search=grace'))).toBe(true);
  });

  it('pages through a large team with Next and Previous', async () => {
    bff.members = Array.from({ length: 30 }, (_, index) =>
      buildMember({
        email: `p${String(index).padStart(2, '0')}@acme.test`,
        name: `P${String(index).padStart(2, '0')}`,
      }),
    );
    const { user } = await openTeam();
    expect(screen.getAllByRole('row')).toHaveLength(26); // header + 25
    expect(screen.getByRole('button', { name: 'Previous page' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByRole('cell', { name: 'p29@acme.test' })).toBeInTheDocument();
    expect(screen.getAllByRole('row')).toHaveLength(6);
    expect(screen.getByText('26–30 of 30')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Previous page' }));
    expect(await screen.findByRole('cell', { name: 'p00@acme.test' })).toBeInTheDocument();
  });

  it('claims no sort order while the BFF is still indexing, and sorts once it is done', async () => {
    let unindexed = 1;
    server.use(
      http.get('/api/team/members', async ({ request }) => {
        if (unindexed-- <= 0) return undefined;
        // The BFF's answer before its index is built: Scalekit's order, no counts.
        const answer = await fetch(request.url, { headers: request.headers });
        const body = (await answer.json()) as { members: unknown[]; nextPageToken: null };
        return Response.json({ members: [...body.members].reverse(), nextPageToken: null });
      }),
    );
    const { table } = await openTeam();
    expect(within(table).getByRole('columnheader', { name: /Name/ })).not.toHaveAttribute(
      'aria-sort',
    );
    expect(screen.queryByText(/of \d+$/)).toBeNull();
    // Asked again by itself: sorted by name, with the totals.
    await waitFor(
      () =>
        expect(within(table).getByRole('columnheader', { name: /Name/ })).toHaveAttribute(
          'aria-sort',
          'ascending',
        ),
      { timeout: 5000 },
    );
    expect(
      screen.getByText(`1–${bff.members.length} of ${bff.members.length}`),
    ).toBeInTheDocument();
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
    expect(cells[4]).toHaveTextContent(/^just now · expires in/);
  });

  it('names roles by their display name', async () => {
    await openTeam();
    expect(within(row('ada@acme.test')).getByRole('cell', { name: 'Admin' })).toBeInTheDocument();
  });
});

describe('the Team page URL', () => {
  it('keeps search, status and page in the URL, and opens where the URL says', async () => {
    bff.members = Array.from({ length: 30 }, (_, index) =>
      buildMember({
        email: `p${String(index).padStart(2, '0')}@acme.test`,
        name: `P${String(index).padStart(2, '0')}`,
        status: 'pending',
      }),
    );
    const { user, unmount } = await openTeam();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'pending');
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
    // A search: the BFF counts the organization, not the matches.
    expect(screen.getByText('26–30')).toBeInTheDocument();
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
    await user.click(await screen.findByRole('menuitem', { name: 'Change role' }));
    const dialog = await screen.findByRole('dialog', { name: 'Change role' });
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
    await user.click(await screen.findByRole('menuitem', { name: 'Change role' }));
    const dialog = await screen.findByRole('dialog', { name: 'Change role' });
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Role' }), 'Admin');
    expect(within(dialog).queryByText('You are changing your own role')).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Save role' }));
    expect(await screen.findByText('grace@acme.test now has the role Admin.')).toBeInTheDocument();
  });
});

describe('the Team page totals', () => {
  it('shows the member count in the header and the count of each status in the filter', async () => {
    bff.members = [
      ...bff.members,
      ...Array.from({ length: 1_200 }, () => buildMember({ status: 'pending' })),
    ];
    await openTeam();
    expect(screen.getByText('1,204 members in Acme Corp')).toBeInTheDocument();
    const filter = screen.getByRole('combobox', { name: 'Status' });
    expect(within(filter).getByRole('option', { name: 'Pending 1,201' })).toBeInTheDocument();
    expect(within(filter).getByRole('option', { name: 'Active 2' })).toBeInTheDocument();
    expect(within(filter).getByRole('option', { name: 'Expired 1' })).toBeInTheDocument();
    expect(within(filter).getByRole('option', { name: 'Inactive 0' })).toBeInTheDocument();
  });

  it('says which rows of how many the pager shows, for everyone and for one status', async () => {
    bff.members = Array.from({ length: 40 }, (_, index) =>
      buildMember({ status: index < 30 ? 'pending' : 'active' }),
    );
    const { user } = await openTeam();
    expect(screen.getByText('1–25 of 40')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('26–40 of 40')).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'pending');
    expect(await screen.findByText('1–25 of 30')).toBeInTheDocument();
  });

  it('says "People in" and no counts while the BFF has not counted the organization', async () => {
    server.use(
      http.get('/api/team/members', () =>
        Response.json({ members: [buildMember({ email: 'only@acme.test' })], nextPageToken: null }),
      ),
    );
    await openTeam();
    expect(screen.getByText('People in Acme Corp')).toBeInTheDocument();
    expect(screen.getByRole('option', { name: 'Pending' })).toBeInTheDocument();
    expect(screen.getByText('1–1')).toBeInTheDocument();
  });
});

describe('the Team page sorting', () => {
  it('sorts by a column header, says so with aria-sort, and turns the order round', async () => {
    bff.members = [
      buildMember({ name: 'Bea', email: 'bea@acme.test', invitedAt: '2026-01-02T00:00:00.000Z' }),
      buildMember({ name: 'Al', email: 'al@acme.test', invitedAt: '2026-01-03T00:00:00.000Z' }),
      buildMember({ name: 'Cy', email: 'cy@acme.test', invitedAt: '2026-01-01T00:00:00.000Z' }),
    ];
    const { user } = await openTeam();
    const header = (name: string) => screen.getByRole('columnheader', { name });
    expect(header('Name')).toHaveAttribute('aria-sort', 'ascending');
    expect(header('Invited')).not.toHaveAttribute('aria-sort');
    expect(emailsOnScreen()).toEqual(['al@acme.test', 'bea@acme.test', 'cy@acme.test']);

    await user.click(screen.getByRole('button', { name: 'Invited' }));
    // Dates start newest first.
    await waitFor(() => expect(header('Invited')).toHaveAttribute('aria-sort', 'descending'));
    expect(header('Name')).not.toHaveAttribute('aria-sort');
    await waitFor(() =>
      expect(emailsOnScreen()).toEqual(['al@acme.test', 'bea@acme.test', 'cy@acme.test']),
    );
    expect(currentLocation()).toBe('/team?sort=invited&order=desc');

    await user.click(screen.getByRole('button', { name: 'Invited' }));
    await waitFor(() => expect(header('Invited')).toHaveAttribute('aria-sort', 'ascending'));
    await waitFor(() =>
      expect(emailsOnScreen()).toEqual(['cy@acme.test', 'bea@acme.test', 'al@acme.test']),
    );
    expect(currentLocation()).toBe('/team?sort=invited&order=asc');
    expect(bff.requests.some((request) => request.search.includes('sort=invited&order=asc'))).toBe(
      true,
    );
    await expectNoAxeViolations();
  });

  it('offers name, role, status, invited and joined, and opens in the order the URL says', async () => {
    renderApp('/team?sort=status&order=desc');
    await screen.findByRole('table', { name: 'Members' });
    for (const name of ['Name', 'Role', 'Status', 'Invited', 'Joined']) {
      expect(screen.getByRole('button', { name })).toBeInTheDocument();
    }
    expect(screen.getByRole('columnheader', { name: 'Status' })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    // pending, expired, active, active
    expect(emailsOnScreen()[0]).toBe('alan@acme.test');
    expect(emailsOnScreen().at(-1)).toMatch(/^(ada|grace)@acme\.test$/);
  });

  it('shows no column as sorted while a search lists matches in their own order', async () => {
    const { user } = await openTeam();
    await user.type(screen.getByRole('searchbox', { name: 'Search members' }), 'acme');
    await waitFor(() => expect(currentLocation()).toBe('/team?q=acme'));
    expect(screen.getByRole('columnheader', { name: 'Name' })).not.toHaveAttribute('aria-sort');
  });
});

describe('the Team page search', () => {
  it('searches by name or email as you type, sending one request once typing settles', async () => {
    const { user } = await openTeam();
    const box = screen.getByRole('searchbox', { name: 'Search members' });
    expect(box).toHaveAttribute('placeholder', 'Name, email or external id');
    const before = bff.requests.filter((request) => request.path === '/api/team/members').length;
    await user.type(box, 'Turing');
    await waitFor(() => expect(emailsOnScreen()).toEqual(['alan@acme.test']));
    const searches = bff.requests
      .filter((request) => request.path === '/api/team/members')
      .slice(before);
    expect(searches.map((request) => new URLSearchParams(request.search).get('search'))).toEqual([
      'Turing',
    ]);
  });

  it('says a search needs three characters while fewer are typed, and sends none', async () => {
    const { user } = await openTeam();
    const box = screen.getByRole('searchbox', { name: 'Search members' });
    const before = bff.requests.filter((request) => request.path === '/api/team/members').length;
    await user.type(box, 'al');
    expect(await screen.findByText('Type at least 3 characters to search.')).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const searches = bff.requests
      .filter((request) => request.path === '/api/team/members')
      .slice(before)
      .filter((request) => new URLSearchParams(request.search).get('search') !== null);
    expect(searches).toEqual([]);
    await user.type(box, 'a');
    await waitFor(() =>
      expect(screen.queryByText('Type at least 3 characters to search.')).toBeNull(),
    );
  });

  it('never lets a slower answer to an older search replace the answer to a newer one', async () => {
    let releaseOlder: () => void = () => undefined;
    const olderAnswered = new Promise<void>((resolve) => (releaseOlder = resolve));
    let olderDone: () => void = () => undefined;
    const olderFinished = new Promise<void>((resolve) => (olderDone = resolve));
    server.use(
      http.get('/api/team/members', async ({ request }) => {
        if (new URL(request.url).searchParams.get('search') !== 'grace') return undefined;
        // The older search answers only after the newer one is on screen.
        await olderAnswered;
        olderDone();
        return Response.json({
          members: [buildMember({ email: 'grace@acme.test', name: 'Grace Hopper' })],
          nextPageToken: null,
        });
      }),
    );
    const { user } = await openTeam();
    const box = screen.getByRole('searchbox', { name: 'Search members' });
    await user.type(box, 'grace');
    await waitFor(() => expect(currentLocation()).toBe('/team?q=grace'));
    await user.clear(box);
    await user.type(box, 'alan');
    await waitFor(() => expect(emailsOnScreen()).toEqual(['alan@acme.test']));

    releaseOlder();
    await olderFinished;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(emailsOnScreen()).toEqual(['alan@acme.test']);
    expect(box).toHaveValue('alan');
  });
});
