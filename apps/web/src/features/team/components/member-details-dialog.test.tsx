import {
  ListAuditQuerySchema,
  ListAuditResponseSchema,
  routes,
  type AuditEntry,
} from '@app/contracts';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '@/testing/axe';
import { buildAuditEntry } from '@/testing/fixtures';
import { bff, errorResponse } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

let history: AuditEntry[];
let asked: Record<string, string>[];

beforeEach(() => {
  asked = [];
  const grace = { userId: 'usr_grace', email: 'grace@acme.test' };
  history = [
    buildAuditEntry({
      id: '3',
      kind: 'member.role_changed',
      member: grace,
      before: { status: 'active', roles: ['member'] },
      after: { status: 'active', roles: ['admin'] },
    }),
    buildAuditEntry({
      id: '2',
      kind: 'member.joined',
      source: 'scalekit_webhook',
      actor: { type: 'user', userId: 'usr_grace', email: 'grace@acme.test' },
      member: grace,
      before: { status: 'pending', roles: ['member'] },
      after: { status: 'active', roles: ['member'] },
    }),
    buildAuditEntry({ id: '1', member: grace, source: 'csv' }),
  ];
  server.use(
    http.get(routes.audit, ({ request }) => {
      const params = Object.fromEntries(new URL(request.url).searchParams);
      asked.push(params);
      const query = ListAuditQuerySchema.parse(params);
      return HttpResponse.json(
        ListAuditResponseSchema.parse({
          entries: history.filter((entry) => entry.member.userId === query.member),
          nextPageToken: null,
        }),
      );
    }),
  );
});

async function openDetails(email: string) {
  const view = renderApp('/team');
  await screen.findByRole('table', { name: 'Members' });
  await view.user.click(screen.getByRole('button', { name: `Actions for ${email}` }));
  await view.user.click(await screen.findByRole('menuitem', { name: 'View details' }));
  return { ...view, dialog: await screen.findByRole('dialog', { name: 'Grace Hopper' }) };
}

describe("a member's details panel", () => {
  it("lists that member's audit entries, newest first, with who made each change and from where", async () => {
    const { dialog } = await openDetails('grace@acme.test');
    const list = await within(dialog).findByRole('list', { name: 'History' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.firstChild?.textContent)).toEqual([
      'Role changed from Member to Admin',
      'Accepted the invitation and joined as Member',
      'Invited as Member',
    ]);
    expect(items[0]).toHaveTextContent('by ada@acme.test · Team page');
    expect(items[1]).toHaveTextContent('by grace@acme.test · Scalekit');
    expect(items[2]).toHaveTextContent('by ada@acme.test · CSV import');
    expect(asked).toEqual([{ member: 'usr_grace', pageSize: '20' }]);
    await expectNoAxeViolations();
  });

  it('shows the external id and metadata the member was invited with', async () => {
    bff.members = bff.members.map((member) =>
      member.userId === 'usr_grace'
        ? { ...member, externalId: 'crm-user-87425', metadata: { department: 'Sales' } }
        : member,
    );
    const { dialog } = await openDetails('grace@acme.test');
    const term = (name: string) => within(dialog).getByText(name, { selector: 'dt' });
    expect(term('External id').nextElementSibling).toHaveTextContent('crm-user-87425');
    expect(term('department').nextElementSibling).toHaveTextContent('Sales');
  });

  it('says so when nothing about the member was recorded', async () => {
    history = [];
    const { dialog } = await openDetails('grace@acme.test');
    expect(await within(dialog).findByText('No recorded changes')).toBeInTheDocument();
  });

  it('shows why the history could not be loaded, with a way to try again', async () => {
    server.use(
      http.get(routes.audit, () =>
        errorResponse({ code: 'internal_error', message: 'Something failed' }),
      ),
    );
    const { dialog } = await openDetails('grace@acme.test');
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Something went wrong on our side. Please try again.');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
