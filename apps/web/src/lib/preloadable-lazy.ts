// React.lazy for screens that are usually downloaded before they render (see preloadScreen in
// app/app.tsx): once the module is in, the component renders at once instead of suspending.
// A lazy component always suspends on its first render, and React then holds back the reveal of
// the boundary's content for up to 300 ms after its fallback showed; for a screen whose code is
// already here that is pure waiting, twice over for the layout and the screen inside it.
import { createElement, lazy, type ComponentType } from 'react';

export interface PreloadableLazy<P extends object> {
  Component: ComponentType<P>;
  /** Starts the download (once); settles when the module is in or failed. */
  preload: () => Promise<void>;
}

export function preloadableLazy<P extends object>(
  load: () => Promise<ComponentType<P>>,
): PreloadableLazy<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const start = (): Promise<ComponentType<P>> => {
    pending ??= load().then(
      (component) => {
        loaded = component;
        return component;
      },
      (failure: unknown) => {
        // A failed download may be tried again (the next render or preload asks anew).
        pending = undefined;
        throw failure;
      },
    );
    return pending;
  };
  const Lazy = lazy(() => start().then((component) => ({ default: component })));
  function Component(props: P) {
    return createElement(loaded ?? Lazy, props);
  }
  return {
    Component,
    preload: () =>
      start().then(
        () => undefined,
        () => undefined,
      ),
  };
}
