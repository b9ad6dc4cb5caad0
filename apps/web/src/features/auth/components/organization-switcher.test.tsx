import { routes } from '@app/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { browserLocation } from '@/lib/browser-location';
import { expectNoAxeViolations } from '@/testing/axe';
import { bff } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';

function inThreeOrganizations() {
  bff.organizations = [
    { id: 'org_acme', name: 'Acme Corp', status: 'active', current: true },
    { id: 'org_globex', name: 'Globex', status: 'active', current: false },
    { id: 'org_initech', name: 'Initech', status: 'invited', current: false },
  ];
}

const switcherButton = () => screen.findByRole('button', { name: /switch organization/ });

describe('the organization switcher in the top bar', () => {
  it('is not there for someone in one organization only', async () => {
    renderApp('/team');
    await screen.findByRole('heading', { level: 1, name: 'Team' });
    await waitFor(() =>
      expect(bff.requests.some((request) => request.path === routes.ownOrganizations)).toBe(true),
    );
    expect(screen.queryByRole('button', { name: /switch organization/ })).not.toBeInTheDocument();
  });

  it('lists the organizations and invitations, the current one marked and not choosable', async () => {
    inThreeOrganizations();
    const { user } = renderApp('/team');
    await user.click(await switcherButton());
    const list = screen.getByRole('list', { name: 'Switch organization' });
    const [acme, globex, initech] = within(list).getAllByRole('button');
    expect(acme).toHaveTextContent('Acme CorpCurrent');
    expect(acme).toBeDisabled();
    expect(acme).toHaveAttribute('aria-current', 'true');
    expect(globex).toHaveTextContent('Globex');
    expect(globex).toBeEnabled();
    expect(initech).toHaveTextContent('InitechInvited');
    // The switcher names the organization; the account menu names the person.
    expect(screen.getByRole('button', { name: /account menu/ })).toHaveTextContent('Ada Lovelace');
    await expectNoAxeViolations();
  });

  it('re-authorizes in the chosen organization, coming back to the same page', async () => {
    inThreeOrganizations();
    const assign = vi.spyOn(browserLocation, 'assign').mockImplementation(() => undefined);
    const { user } = renderApp('/team?q=ada');
    await user.click(await switcherButton());
    await user.click(screen.getByRole('button', { name: 'Globex' }));
    await waitFor(() => expect(assign).toHaveBeenCalled());
    const target = new URL(assign.mock.calls[0]?.[0] ?? '');
    expect(target.searchParams.get('prompt')).toBe('select_account');
    expect(target.searchParams.get('organization_id')).toBe('org_globex');
    const [sent] = bff.writes();
    expect(sent).toMatchObject({ method: 'POST', path: routes.switchOrganization, csrf: '1' });
    expect(JSON.parse(sent?.body ?? '')).toEqual({
      organizationId: 'org_globex',
      returnTo: '/team?q=ada',
    });
  });

  it('closes on Escape and gives focus back to its button', async () => {
    inThreeOrganizations();
    const { user } = renderApp('/dashboard/profile');
    const button = await switcherButton();
    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    await user.keyboard('{Escape}');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(button).toHaveFocus();
  });
});
