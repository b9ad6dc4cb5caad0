import { render, screen } from '@testing-library/react';
import { lazy } from 'react';
import { describe, expect, it } from 'vitest';
import { LazyDialog } from './lazy-dialog';

describe('a dialog whose code loads when it opens', () => {
  it('says "Opening…" until its code is in, then shows the dialog in its place', async () => {
    let deliver: (module: { default: () => React.JSX.Element }) => void = () => undefined;
    const Loaded = lazy(
      () =>
        new Promise<{ default: () => React.JSX.Element }>((resolve) => {
          deliver = resolve;
        }),
    );
    render(
      <LazyDialog>
        <Loaded />
      </LazyDialog>,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Opening…');

    deliver({ default: () => <p>The dialog</p> });
    expect(await screen.findByText('The dialog')).toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });
});
