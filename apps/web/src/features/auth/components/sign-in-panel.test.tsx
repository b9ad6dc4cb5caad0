import { SignInErrorCodeSchema } from '@app/contracts';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '@/testing/axe';
import { renderApp } from '@/testing/render-app';
import { signInErrorMessage } from './sign-in-error-message';
import { SignInPanel } from './sign-in-panel';

describe('SignInPanel', () => {
  it('offers one sign-in action and explains that the app is invite-only', async () => {
    renderApp('/sign-in');
    // The heading shows while the screen loads too; the link comes with the screen itself.
    await screen.findByRole('link', { name: 'Sign in' });
    expect(screen.getByRole('heading', { level: 1, name: /sign in/i })).toBeInTheDocument();
    expect(document.title).toBe('Sign in · Teamspace');
    expect(screen.getByText(/invite-only/i)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/auth/login');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await expectNoAxeViolations();
  });

  it('passes a same-origin returnTo on to the BFF login route', () => {
    render(<SignInPanel error={null} returnTo="/team?status=pending" />);
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute(
      'href',
      '/auth/login?returnTo=%2Fteam%3Fstatus%3Dpending',
    );
  });

  it.each(['https://evil.test/', '//evil.test/x', '/\\evil.test', 'javascript:alert(1)'])(
    'drops a returnTo that could leave the site (%s)',
    (returnTo) => {
      render(<SignInPanel error={null} returnTo={returnTo} />);
      expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/auth/login');
    },
  );

  it.each(SignInErrorCodeSchema.options)(
    'shows a readable message for the %s error code',
    async (code) => {
      const message = signInErrorMessage(code);
      expect(message).toBeDefined();
      renderApp(`/sign-in?error=${code}`);
      expect(await screen.findByText(message?.title ?? '')).toBeInTheDocument();
      expect(screen.getByText(message?.text ?? '')).toBeInTheDocument();
      expect(screen.queryByText(code)).not.toBeInTheDocument();
      await expectNoAxeViolations();
    },
  );

  it('names the not-invited and expired-invitation cases plainly', () => {
    expect(signInErrorMessage('not_invited')?.title).toMatch(/not been invited/);
    expect(signInErrorMessage('invite_expired')?.title).toMatch(/invitation has expired/);
    expect(signInErrorMessage('identity_unavailable')?.title).toMatch(/unavailable/);
    expect(signInErrorMessage('access_denied')?.title).toMatch(/cancelled/);
  });

  it('shows a generic message for an unknown code, never the raw code', () => {
    render(<SignInPanel error="<b>weird</b>" returnTo={null} />);
    expect(screen.getByRole('alert')).toHaveTextContent('The sign-in could not be completed');
    expect(screen.queryByText(/weird/)).not.toBeInTheDocument();
  });
});
