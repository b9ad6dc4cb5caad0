import { pages, routes } from '@app/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { loginRoute, paths, sessionRoute } from '@/config/paths';
import { browserLocation } from '@/lib/browser-location';
import { expectNoAxeViolations } from '@/testing/axe';
import { buildSession } from '@/testing/fixtures';
import { bff, errorResponse } from '@/testing/handlers';
import { currentLocation, renderApp } from '@/testing/render-app';
import { server } from '@/testing/server';

describe('the app shell', () => {
  it('keeps its own paths equal to the pages the BFF redirects to', () => {
    expect(paths).toEqual(pages);
    expect(loginRoute).toBe(routes.login);
    expect(sessionRoute).toBe(routes.session);
  });

  it('sends / to the profile when signed in', async () => {
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Profile' })).toBeInTheDocument();
    expect(currentLocation()).toBe('/dashboard/profile');
  });

  it('keeps the page heading while the session and the screen load', async () => {
    let release: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (release = resolve));
    server.use(
      http.get(routes.session, async () => {
        await answered;
        return HttpResponse.json(buildSession());
      }),
    );
    renderApp('/dashboard/profile');
    expect(await screen.findByRole('status')).toHaveTextContent('Loading your workspace…');
    expect(screen.getByRole('heading', { level: 1, name: 'Profile' })).toBeInTheDocument();
    release();
    expect(await screen.findByRole('region', { name: /Ada|Lovelace/ })).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1, name: 'Profile' })).toHaveLength(1);
  });

  it('sends a signed-out visitor of / to sign-in', async () => {
    bff.session = null;
    renderApp('/');
    expect(await screen.findByRole('link', { name: 'Sign in' })).toBeInTheDocument();
    expect(currentLocation()).toBe('/sign-in?returnTo=%2F');
  });

  it('sends a 401 on the Team page to sign-in with returnTo, and the sign-in link keeps it', async () => {
    bff.session = null;
    renderApp('/team');
    const signIn = await screen.findByRole('link', { name: 'Sign in' });
    expect(currentLocation()).toBe('/sign-in?returnTo=%2Fteam');
    expect(signIn).toHaveAttribute('href', '/auth/login?returnTo=%2Fteam');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('sends a session that ends mid-use to sign-in from wherever the 401 comes', async () => {
    const { user } = renderApp('/dashboard/profile');
    // The loading screen already shows the heading; the nav appears once the session is in.
    const teamLink = await screen.findByRole('link', { name: 'Team' });
    // The session ends on the server; the next request (the Team page's) answers 401.
    server.use(
      http.get('/api/team/members', () =>
        errorResponse({ code: 'unauthenticated', message: 'Session expired' }),
      ),
    );
    await user.click(teamLink);
    await screen.findByRole('link', { name: 'Sign in' });
    expect(currentLocation()).toBe('/sign-in?returnTo=%2Fteam');
  });

  it('shows a not-found page for unknown paths, with a way back and, signed in, the navigation', async () => {
    renderApp('/no/such/page');
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to your profile' })).toHaveAttribute(
      'href',
      '/dashboard/profile',
    );
    await expectNoAxeViolations();
  });

  it('shows the plain not-found page to someone signed out, without sending them to sign in', async () => {
    bff.session = null;
    renderApp('/no/such/page');
    expect(await screen.findByRole('link', { name: 'Go to your profile' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
    expect(currentLocation()).toBe('/no/such/page');
  });

  it('says "You are signed out" on the sign-in screen after signing out, once', async () => {
    const assign = vi.spyOn(browserLocation, 'assign').mockImplementation(() => undefined);
    const { user, unmount } = renderApp('/dashboard/profile');
    await user.click(await screen.findByRole('button', { name: /account menu/ }));
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(assign).toHaveBeenCalled());
    unmount();
    const signInPage = renderApp('/sign-in');
    expect(await screen.findByRole('status')).toHaveTextContent('You are signed out.');
    signInPage.unmount();
    renderApp('/sign-in');
    await screen.findByRole('link', { name: 'Sign in' });
    expect(screen.queryByText('You are signed out.')).not.toBeInTheDocument();
  });

  it('welcomes someone who has just joined through an invitation, once', async () => {
    bff.session = buildSession({ roles: ['member'], isAdmin: false });
    renderApp('/dashboard/profile?welcome=1');
    expect(await screen.findByText('Welcome to Acme Corp')).toBeInTheDocument();
    expect(screen.getByText('You joined as Member.')).toBeInTheDocument();
    await waitFor(() => expect(currentLocation()).toBe('/dashboard/profile'));
    expect(screen.getByText('You joined as Member.')).toBeInTheDocument();
  });

  it('offers a retry when the session cannot be loaded for another reason', async () => {
    server.use(
      http.get('/api/session', () =>
        errorResponse({ code: 'identity_unavailable', message: 'Scalekit is down' }),
      ),
    );
    renderApp('/dashboard/profile');
    expect(await screen.findByText('We could not load your account')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(/identity service is unavailable/);
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});

describe('the profile screen', () => {
  it('shows name, email with its verified badge, organization and role, and has no axe violations', async () => {
    renderApp('/dashboard/profile');
    const card = await screen.findByRole('region', { name: 'Ada Lovelace' });
    expect(within(card).getByText('ada@acme.test')).toBeInTheDocument();
    expect(within(card).getByText('Verified')).toBeInTheDocument();
    expect(within(card).getAllByText('Acme Corp').length).toBeGreaterThan(0);
    expect(within(card).getByText('Admin')).toBeInTheDocument();
    expect(document.title).toBe('Profile · Teamspace');
    await expectNoAxeViolations();
  });

  it('says when the email is not verified', async () => {
    const session = buildSession();
    bff.session = { ...session, user: { ...session.user, emailVerified: false } };
    renderApp('/dashboard/profile');
    expect(await screen.findByText('Not verified')).toBeInTheDocument();
  });

  it('renders markup in names and emails as text, never as HTML', async () => {
    const session = buildSession();
    bff.session = {
      ...session,
      user: { ...session.user, name: '<img src=x onerror=alert(1)>', email: '<b>x</b>@acme.test' },
      organization: { ...session.organization, name: '<script>alert(1)</script>' },
    };
    const { container } = renderApp('/dashboard/profile');
    expect(
      await screen.findByRole('heading', { level: 2, name: '<img src=x onerror=alert(1)>' }),
    ).toBeInTheDocument();
    expect(screen.getByText('<b>x</b>@acme.test')).toBeInTheDocument();
    expect(container.querySelector('img, b, script')).toBeNull();
  });

  it('has a top navigation with Profile, Team and, in the account menu, Sign out', async () => {
    const { user } = renderApp('/dashboard/profile');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Profile' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(within(nav).getByRole('link', { name: 'Team' })).toHaveAttribute('href', '/team');
    await user.click(screen.getByRole('button', { name: /account menu/ }));
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
  });

  it('signs out with the CSRF header and leaves for the address the BFF gives', async () => {
    const assign = vi.spyOn(browserLocation, 'assign').mockImplementation(() => undefined);
    const { user } = renderApp('/dashboard/profile');
    await user.click(await screen.findByRole('button', { name: /account menu/ }));
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith('http://localhost:3000/sign-in'));
    const [logout] = bff.writes();
    expect(logout).toMatchObject({ method: 'POST', path: '/auth/logout', csrf: '1' });
    // Nothing of the signed-in screens stays on the page while the browser leaves.
    expect(screen.queryByRole('region', { name: 'Ada Lovelace' })).not.toBeInTheDocument();
    expect(screen.getByText('Signing out…')).toBeInTheDocument();
  });

  it('keeps the person signed in and says so when sign out fails', async () => {
    server.use(
      http.post('/auth/logout', () =>
        errorResponse({ code: 'internal_error', message: 'boom: stack trace here' }),
      ),
    );
    const { user } = renderApp('/dashboard/profile');
    await user.click(await screen.findByRole('button', { name: /account menu/ }));
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Sign out failed.');
    expect(screen.queryByText(/stack trace/)).not.toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Ada Lovelace' })).toBeInTheDocument();
  });
});
