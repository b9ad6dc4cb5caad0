// Dialogs whose code downloads when they first open, so a screen's first download leaves out
// what only a click needs. While the chunk loads, a small spinner stands where the dialog will
// appear and screen readers hear "Opening…"; the dialog then takes focus as usual.
import { Suspense, type ReactNode } from 'react';
import { Spinner } from './spinner';

/** The placeholder shown from the click until the dialog's code is in (usually a blink). */
export function DialogLoading({ label = 'Opening…' }: { label?: string }) {
  return (
    <div className="dialog-loading" role="status">
      <Spinner />
      <span className="sr-only">{label}</span>
    </div>
  );
}

/** Suspense boundary for one lazily loaded dialog. */
export function LazyDialog({ children }: { children: ReactNode }) {
  return <Suspense fallback={<DialogLoading />}>{children}</Suspense>;
}
