import {
  ListAuditQuerySchema,
  ListAuditResponseSchema,
  routes,
  type AuditEntry,
} from '@app/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '@/testing/axe';
import { buildAuditEntry, buildMemberSession } from '@/testing/fixtures';
import { bff, errorResponse } from '@/testing/handlers';
import { currentLocation, renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

const SECOND_PAGE = 'YTo0Mg';

/** The audit queries the page sent, parsed as the BFF parses them. */
let auditQueries: URLSearchParams[] = [];
let entries: AuditEntry[] = [];

beforeEach(() => {
  auditQueries = [];
  entries = [
    buildAuditEntry({
      id: '2',
      kind: 'member.role_changed',
      before: { status: 'active', roles: ['member'] },
      after: { status: 'active', roles: ['admin'] },
    }),
    buildAuditEntry({
      id: '1',
      occurredAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
      kind: 'member.joined',
      source: 'scalekit_webhook',
      actor: { type: 'scalekit' },
      ip: null,
    }),
  ];
  server.use(
    http.get(routes.audit, ({ request }) => {
      const params = new URL(request.url).searchParams;
      auditQueries.push(params);
      const query = ListAuditQuerySchema.safeParse(Object.fromEntries(params));
      if (!query.success) return errorResponse({ code: 'validation_failed', message: 'Bad query' });
      const onSecondPage = query.data.pageToken === SECOND_PAGE;
      const matching = entries.filter(
        (entry) => !query.data.kind || entry.kind === query.data.kind,
      );
      return HttpResponse.json(
        ListAuditResponseSchema.parse({
          entries: onSecondPage ? matching.slice(1) : matching.slice(0, 1),
          nextPageToken: !onSecondPage && matching.length > 1 ? SECOND_PAGE : null,
        }),
      );
    }),
  );
});

function lastQuery(): Record<string, string> {
  const query = auditQueries.at(-1);
  return query ? Object.fromEntries(query) : {};
}

async function openActivity(path = '/activity') {
  const view = renderApp(path);
  const table = await screen.findByRole('table', { name: 'Entries' });
  return { ...view, table };
}

describe('the Activity page', () => {
  it('shows each change in plain words with its time, actor, source and IP', async () => {
    const { table } = await openActivity();
    expect(document.title).toBe('Activity · Teamspace');
    const row = within(within(table).getAllByRole('row')[1] ?? table);
    expect(row.getByText("Changed ann@acme.test's role from Member to Admin")).toBeInTheDocument();
    expect(row.getByText('ada@acme.test')).toBeInTheDocument();
    expect(row.getByText('Team page')).toBeInTheDocument();
    expect(row.getByText('203.0.113.9')).toBeInTheDocument();
    const time = row.getByText('just now');
    expect(time.tagName).toBe('TIME');
    expect(time).toHaveAttribute('title', expect.stringMatching(/\d/));
    await expectNoAxeViolations();
  });

  it('sends the filters to the BFF and keeps them in the URL', async () => {
    const { user } = await openActivity();
    await user.type(screen.getByLabelText('Changed by'), 'ada@acme.test');
    await user.type(screen.getByLabelText('Member'), 'ann@acme.test');
    await user.selectOptions(screen.getByLabelText('Kind'), 'Role changed');
    await user.type(screen.getByLabelText('From'), '2026-01-01');
    await user.type(screen.getByLabelText('To'), '2026-01-31');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));

    await waitFor(() =>
      expect(lastQuery()).toMatchObject({
        actor: 'ada@acme.test',
        member: 'ann@acme.test',
        kind: 'member.role_changed',
        from: new Date(2026, 0, 1).toISOString(),
        to: new Date(2026, 1, 1).toISOString(),
      }),
    );
    expect(currentLocation()).toBe(
      '/activity?actor=ada%40acme.test&member=ann%40acme.test&kind=member.role_changed&from=2026-01-01&to=2026-01-31',
    );
    expect(screen.getByRole('link', { name: 'Export filtered CSV' })).toHaveAttribute(
      'href',
      `/api/audit/export.csv?${new URLSearchParams({
        actor: 'ada@acme.test',
        member: 'ann@acme.test',
        kind: 'member.role_changed',
        from: new Date(2026, 0, 1).toISOString(),
        to: new Date(2026, 1, 1).toISOString(),
      }).toString()}`,
    );
  });

  it('applies the filters with Enter and leaves the focus where it was', async () => {
    const { user } = await openActivity();
    const actor = screen.getByLabelText('Changed by');
    await user.type(actor, 'ada@acme.test{Enter}');
    await waitFor(() => expect(currentLocation()).toBe('/activity?actor=ada%40acme.test'));
    expect(screen.getByLabelText('Changed by')).toHaveFocus();
    expect(screen.getByLabelText('Changed by')).toHaveValue('ada@acme.test');
  });

  it('refuses a half-typed address without asking the BFF', async () => {
    const { user } = await openActivity();
    const sent = auditQueries.length;
    await user.type(screen.getByLabelText('Changed by'), 'ada@{Enter}');
    expect(screen.getByLabelText('Changed by')).toHaveAccessibleDescription(
      /Enter a full email address or a user id/,
    );
    expect(auditQueries).toHaveLength(sent);
    expect(currentLocation()).toBe('/activity');
  });

  it('keeps the filters and the page from the URL when opened again', async () => {
    const path = `/activity?actor=ada%40acme.test&page=2&after=${SECOND_PAGE}`;
    const first = await openActivity(path);
    first.unmount();
    auditQueries = [];
    await openActivity(path);
    expect(screen.getByLabelText('Changed by')).toHaveValue('ada@acme.test');
    expect(screen.getByText('Page 2')).toBeInTheDocument();
    expect(lastQuery()).toMatchObject({ actor: 'ada@acme.test', pageToken: SECOND_PAGE });
  });

  it('pages forward with the cursor and back again', async () => {
    const { user, table } = await openActivity();
    expect(within(table).getByText(/role from Member to Admin/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(
      await screen.findByText('ann@acme.test accepted the invitation and joined as Member'),
    ).toBeInTheDocument();
    expect(lastQuery()).toMatchObject({ pageToken: SECOND_PAGE });
    expect(currentLocation()).toBe(`/activity?page=2&after=${SECOND_PAGE}`);
    // Made at Scalekit: Scalekit is both who and where.
    expect(screen.getAllByText('Scalekit', { selector: 'td' })).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: 'Previous page' }));
    expect(await screen.findByText(/role from Member to Admin/)).toBeInTheDocument();
    expect(currentLocation()).toBe('/activity');
  });

  it('says when nothing matches and clears the filters', async () => {
    entries = [];
    const { user } = renderApp('/activity?kind=member.removed');
    expect(await screen.findByText('No activity matches')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByText('No activity yet')).toBeInTheDocument();
    expect(currentLocation()).toBe('/activity');
  });

  it('reports a failed load with a way to try again', async () => {
    server.use(
      http.get(routes.audit, () => errorResponse({ code: 'internal_error', message: 'Down' }), {
        once: true,
      }),
    );
    const { user } = renderApp('/activity');
    expect(await screen.findByRole('alert')).toHaveTextContent('The activity could not be loaded');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('table', { name: 'Entries' })).toBeInTheDocument();
  });

  it('offers both exports as downloads', async () => {
    await openActivity();
    expect(screen.getByRole('link', { name: 'Export CSV' })).toHaveAttribute(
      'href',
      routes.auditExport,
    );
    expect(screen.getByRole('link', { name: 'Download access review' })).toHaveAttribute(
      'href',
      routes.accessReview,
    );
  });

  it('is in the navigation for admins', async () => {
    renderApp('/team');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Activity' })).toHaveAttribute(
      'href',
      '/activity',
    );
  });

  it('is not offered to a member, and its address answers them as not found', async () => {
    bff.session = buildMemberSession();
    const { unmount } = renderApp('/team');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Activity' })).not.toBeInTheDocument();
    unmount();

    renderApp('/activity');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Page not found' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(auditQueries).toEqual([]);
    await expectNoAxeViolations();
  });
});
