import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from '@/components/ui/error-boundary';
import { browserLocation } from '@/lib/browser-location';
import { expectNoAxeViolations } from '@/testing/axe';
import { ErrorScreen } from './error-screen';

function Broken(): never {
  throw new Error('render failed');
}

describe('the error boundary', () => {
  it('shows a readable, accessible error screen with a reload when a screen crashes', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const reload = vi.spyOn(browserLocation, 'reload').mockImplementation(() => undefined);
    render(
      <ErrorBoundary fallback={<ErrorScreen />}>
        <Broken />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('heading', { name: 'Something went wrong' })).toBeInTheDocument();
    expect(screen.queryByText('render failed')).not.toBeInTheDocument();
    await expectNoAxeViolations();
    await userEvent.click(screen.getByRole('button', { name: 'Reload page' }));
    expect(reload).toHaveBeenCalledOnce();
  });

  it('tries again when the path changes', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { rerender } = render(
      <ErrorBoundary resetKey="/team" fallback={<p>failed</p>}>
        <Broken />
      </ErrorBoundary>,
    );
    expect(screen.getByText('failed')).toBeInTheDocument();
    rerender(
      <ErrorBoundary resetKey="/dashboard/profile" fallback={<p>failed</p>}>
        <p>working again</p>
      </ErrorBoundary>,
    );
    expect(screen.getByText('working again')).toBeInTheDocument();
  });
});
