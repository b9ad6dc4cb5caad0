import { render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { describe, expect, it } from 'vitest';
import { preloadableLazy } from './preloadable-lazy';

function Greeting({ name }: { name: string }) {
  return <p>Hello {name}</p>;
}

const loadGreeting = () => Promise.resolve(Greeting);

describe('preloadableLazy', () => {
  it('renders a preloaded screen in the first commit, never showing the loading state', async () => {
    const greeting = preloadableLazy(loadGreeting);
    await greeting.preload();
    render(
      <Suspense fallback={<p>Loading</p>}>
        <greeting.Component name="Ada" />
      </Suspense>,
    );
    // Synchronously after render: no fallback was committed.
    expect(screen.getByText('Hello Ada')).toBeInTheDocument();
    expect(screen.queryByText('Loading')).not.toBeInTheDocument();
  });

  it('suspends like React.lazy when the screen is not there yet', async () => {
    const greeting = preloadableLazy(loadGreeting);
    render(
      <Suspense fallback={<p>Loading</p>}>
        <greeting.Component name="Grace" />
      </Suspense>,
    );
    expect(screen.getByText('Loading')).toBeInTheDocument();
    expect(await screen.findByText('Hello Grace')).toBeInTheDocument();
  });

  it('downloads again after a failed download', async () => {
    let attempts = 0;
    const flaky = preloadableLazy(() => {
      attempts += 1;
      return attempts === 1 ? Promise.reject(new Error('offline')) : Promise.resolve(Greeting);
    });
    await flaky.preload();
    await flaky.preload();
    expect(attempts).toBe(2);
    render(<flaky.Component name="Alan" />);
    expect(screen.getByText('Hello Alan')).toBeInTheDocument();
  });
});
