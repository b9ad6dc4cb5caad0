import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { Dialog } from './dialog';

function Opener() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      {open && (
        <Dialog title="Settings" onClose={() => setOpen(false)}>
          Body
        </Dialog>
      )}
    </>
  );
}

const locked = () => document.documentElement.classList.contains('scroll-locked');

describe('the dialog', () => {
  it('locks the page scroll while open and releases it when closed', async () => {
    const user = userEvent.setup();
    render(<Opener />);
    expect(locked()).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Open' }));
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBeInTheDocument();
    expect(locked()).toBe(true);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(locked()).toBe(false);
  });

  it('keeps the page locked until the last of two open dialogs closes', () => {
    const first = render(<Dialog title="First" onClose={() => undefined} />);
    const second = render(<Dialog title="Second" onClose={() => undefined} />);
    second.unmount();
    expect(locked()).toBe(true);
    first.unmount();
    expect(locked()).toBe(false);
  });
});
