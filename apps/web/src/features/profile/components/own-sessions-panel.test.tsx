import { routes } from '@app/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { browserLocation } from '@/lib/browser-location';
import { expectNoAxeViolations } from '@/testing/axe';
import { buildOwnSession } from '@/testing/fixtures';
import { bff, errorResponse } from '@/testing/handlers';
import { renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

function withTwoDevices() {
  bff.ownSessions = [
    buildOwnSession({ id: 'ses_this', current: true }),
    buildOwnSession({
      id: 'ses_phone',
      deviceType: 'mobile',
      browser: 'Safari 17',
      os: 'iOS 17.4',
      ip: '198.51.100.4',
      location: 'Berlin, DE',
      lastSeenAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
    }),
  ];
}

async function openSessions() {
  const view = renderApp('/dashboard/profile');
  const panel = await screen.findByRole('region', { name: 'Your sessions' });
  const list = await within(panel).findByRole('list', { name: 'Sessions' });
  return { ...view, panel, list };
}

describe('Your sessions on the profile', () => {
  it('lists every device with browser, system, IP, place and last seen, this one marked', async () => {
    withTwoDevices();
    const { list } = await openSessions();
    const [here, phone] = within(list).getAllByRole('listitem');
    expect(here).toHaveTextContent('Chrome 131 on macOS 14.5');
    expect(here).toHaveTextContent('This device');
    expect(here).toHaveTextContent('IP 203.0.113.7');
    expect(here).toHaveTextContent('Last seen just now');
    expect(phone).toHaveTextContent('Safari 17 on iOS 17.4');
    expect(phone).not.toHaveTextContent('This device');
    expect(phone).toHaveTextContent('IP 198.51.100.4 · Berlin, DE · Last seen 3 hours ago');
    await expectNoAxeViolations();
  });

  it('signs out another device, removes it from the list and says so', async () => {
    withTwoDevices();
    const { user, list } = await openSessions();
    await user.click(within(list).getByRole('button', { name: 'Sign out Safari 17 on iOS 17.4' }));
    expect(await screen.findByText('Signed out Safari 17 on iOS 17.4.')).toBeInTheDocument();
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    expect(list).toHaveFocus();
    expect(bff.writes()).toMatchObject([
      { method: 'DELETE', path: routes.ownSession('ses_phone'), csrf: '1' },
    ]);
  });

  it('leaves for the sign-in page, saying so, when this device signs itself out', async () => {
    const assign = vi.spyOn(browserLocation, 'assign').mockImplementation(() => undefined);
    const { user, list } = await openSessions();
    await user.click(
      within(list).getByRole('button', { name: 'Sign out Chrome 131 on macOS 14.5 (this device)' }),
    );
    await waitFor(() => expect(assign).toHaveBeenCalledWith('/sign-in'));
    expect(window.sessionStorage.getItem('teamspace.signedOut')).toBe('1');
    window.sessionStorage.clear();
  });

  it('asks before signing out everywhere, then signs out every device and leaves', async () => {
    withTwoDevices();
    const assign = vi.spyOn(browserLocation, 'assign').mockImplementation(() => undefined);
    const { user, panel } = await openSessions();
    await user.click(within(panel).getByRole('button', { name: 'Sign out everywhere' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign out everywhere?' });
    expect(dialog).toHaveTextContent('this one included');
    expect(bff.writes()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Sign out everywhere' }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith('/sign-in'));
    expect(bff.writes()).toMatchObject([
      { method: 'POST', path: routes.signOutEverywhere, csrf: '1' },
    ]);
    expect(bff.ownSessions).toEqual([]);
    window.sessionStorage.clear();
  });

  it('keeps the session listed and says why when a sign-out fails', async () => {
    withTwoDevices();
    server.use(
      http.delete(`${routes.ownSessions}/:sessionId`, () =>
        errorResponse({ code: 'identity_unavailable', message: 'Unavailable' }),
      ),
    );
    const { user, panel, list } = await openSessions();
    await user.click(within(list).getByRole('button', { name: 'Sign out Safari 17 on iOS 17.4' }));
    expect(await within(panel).findByRole('alert')).toHaveTextContent(
      'Safari 17 on iOS 17.4 was not signed out.',
    );
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
  });
});
