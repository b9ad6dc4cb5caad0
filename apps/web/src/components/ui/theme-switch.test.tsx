import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { applyThemeChoice, readThemeChoice } from '@/lib/theme';
import { ThemeSwitch } from './theme-switch';

describe('the theme switch', () => {
  afterEach(() => {
    window.localStorage.clear();
    applyThemeChoice('system');
  });

  it('follows the system setting until a theme is chosen', () => {
    render(<ThemeSwitch />);
    expect(screen.getByRole('radio', { name: 'System' })).toBeChecked();
    expect(document.documentElement.dataset['theme']).toBeUndefined();
  });

  it('applies the chosen theme at once and remembers it for the next visit', async () => {
    const user = userEvent.setup();
    render(<ThemeSwitch />);
    await user.click(screen.getByRole('radio', { name: 'Dark' }));
    expect(document.documentElement.dataset['theme']).toBe('dark');
    expect(readThemeChoice()).toBe('dark');

    await user.click(screen.getByRole('radio', { name: 'System' }));
    expect(document.documentElement.dataset['theme']).toBeUndefined();
    expect(readThemeChoice()).toBe('system');
  });

  it('shows the remembered choice', () => {
    window.localStorage.setItem('teamspace.theme', 'light');
    render(<ThemeSwitch />);
    expect(screen.getByRole('group', { name: 'Theme' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Light' })).toBeChecked();
  });
});
