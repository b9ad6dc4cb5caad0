import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ToastProvider, useToast, type ToastOptions } from './toast';

function Trigger({ message, options }: { message: string; options?: ToastOptions }) {
  const toaster = useToast();
  return (
    <button type="button" onClick={() => toaster.show(message, options)}>
      Show {message}
    </button>
  );
}

function renderToasts(...triggers: { message: string; options?: ToastOptions }[]) {
  const user = userEvent.setup();
  render(
    <ToastProvider>
      <main id="main" tabIndex={-1}>
        {triggers.map((trigger) => (
          <Trigger key={trigger.message} {...trigger} />
        ))}
      </main>
    </ToastProvider>,
  );
  return user;
}

const region = () => screen.getByRole('status');

describe('toasts', () => {
  afterEach(() => vi.useRealTimers());

  it('announce each message politely and stack them in order', async () => {
    const user = renderToasts({ message: 'First saved.' }, { message: 'Second saved.' });
    expect(region()).toHaveAttribute('aria-live', 'polite');
    await user.click(screen.getByRole('button', { name: 'Show First saved.' }));
    await user.click(screen.getByRole('button', { name: 'Show Second saved.' }));
    const items = within(region()).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('p')?.textContent)).toEqual([
      'First saved.',
      'Second saved.',
    ]);
  });

  it('go away when dismissed, calling onDone', async () => {
    const onDone = vi.fn();
    const user = renderToasts({ message: 'Saved.', options: { onDone } });
    await user.click(screen.getByRole('button', { name: 'Show Saved.' }));
    await user.click(within(region()).getByRole('button', { name: 'Dismiss notification' }));
    expect(within(region()).queryAllByRole('listitem')).toEqual([]);
    expect(onDone).toHaveBeenCalledOnce();
    expect(document.activeElement).toBe(document.getElementById('main'));
  });

  it('go away by themselves after their time, and not while the pointer rests on them', () => {
    vi.useFakeTimers();
    const onDone = vi.fn();
    renderToasts({ message: 'Saved.', options: { durationMs: 5000, onDone } });
    fireEvent.click(screen.getByRole('button', { name: 'Show Saved.' }));
    fireEvent.mouseEnter(within(region()).getByRole('listitem'));
    act(() => {
      vi.advanceTimersByTime(10_000);
    });
    expect(within(region()).getByText('Saved.')).toBeInTheDocument();
    fireEvent.mouseLeave(within(region()).getByRole('listitem'));
    act(() => {
      vi.advanceTimersByTime(5000);
    });
    expect(within(region()).queryAllByRole('listitem')).toEqual([]);
    expect(onDone).toHaveBeenCalledOnce();
  });

  it('run their action instead of onDone when it is chosen', async () => {
    const onAction = vi.fn();
    const onDone = vi.fn();
    const user = renderToasts({
      message: 'Removed.',
      options: { action: { label: 'Undo', onAction }, onDone },
    });
    await user.click(screen.getByRole('button', { name: 'Show Removed.' }));
    await user.click(within(region()).getByRole('button', { name: 'Undo' }));
    expect(onAction).toHaveBeenCalledOnce();
    expect(onDone).not.toHaveBeenCalled();
    expect(within(region()).queryAllByRole('listitem')).toEqual([]);
  });
});
