// Toasts: short results of actions in one polite live region at the bottom of the viewport,
// stacked, each dismissible, optionally with one action (e.g. Undo). A toast's timer pauses
// while the pointer or keyboard focus is on it, so nobody loses an Undo while reaching for it.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';

export type ToastTone = 'success' | 'error' | 'info';

export interface ToastOptions {
  tone?: ToastTone;
  /** How long the toast stays; 6 s unless said otherwise. */
  durationMs?: number;
  /** One button in the toast; choosing it closes the toast without calling `onDone`. */
  action?: { label: string; onAction: () => void };
  /** Called when the toast goes away by time or by Dismiss (not by its action). */
  onDone?: () => void;
}

interface ToastItem extends ToastOptions {
  id: number;
  message: string;
}

export interface Toaster {
  /** Shows a toast; answers its id for `dismiss`. */
  show: (message: string, options?: ToastOptions) => number;
  /** Removes a toast without calling its `onDone`. */
  dismiss: (id: number) => void;
}

export const TOAST_DURATION_MS = 6000;
/** More than this many toasts at once: the oldest go first. */
const MAX_TOASTS = 4;

const ToastContext = createContext<Toaster | undefined>(undefined);

export function useToast(): Toaster {
  const toaster = useContext(ToastContext);
  if (!toaster) throw new Error('useToast needs a <ToastProvider> above it');
  return toaster;
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const nextId = useRef(1);
  const regionRef = useRef<HTMLOListElement>(null);

  const remove = useCallback((id: number) => {
    // Focus inside a vanishing toast would fall to <body>; the page's main area is the next
    // sensible place.
    const focused = document.activeElement;
    const item = regionRef.current?.querySelector(`[data-toast-id="${id}"]`);
    if (item && focused && item.contains(focused)) document.getElementById('main')?.focus();
    setToasts((current) => current.filter((toast) => toast.id !== id));
  }, []);

  const show = useCallback((message: string, options: ToastOptions = {}) => {
    const id = nextId.current++;
    setToasts((current) => [...current, { id, message, ...options }].slice(-MAX_TOASTS));
    return id;
  }, []);

  const toaster = useMemo<Toaster>(() => ({ show, dismiss: remove }), [show, remove]);

  return (
    <ToastContext.Provider value={toaster}>
      {children}
      <section className="toasts" aria-label="Notifications">
        <div role="status" aria-live="polite">
          <ol ref={regionRef} className="toasts__list">
            {toasts.map((toast) => (
              <Toast key={toast.id} toast={toast} onRemove={remove} />
            ))}
          </ol>
        </div>
      </section>
    </ToastContext.Provider>
  );
}

function Toast({ toast, onRemove }: { toast: ToastItem; onRemove: (id: number) => void }) {
  const [paused, setPaused] = useState(false);
  const remaining = useRef(toast.durationMs ?? TOAST_DURATION_MS);
  const latest = useRef(toast);
  latest.current = toast;

  const finish = useCallback(() => {
    onRemove(latest.current.id);
    latest.current.onDone?.();
  }, [onRemove]);

  useEffect(() => {
    if (paused) return;
    const started = Date.now();
    const timer = window.setTimeout(finish, remaining.current);
    return () => {
      window.clearTimeout(timer);
      remaining.current -= Date.now() - started;
    };
  }, [paused, finish]);

  return (
    <li
      className={`toast toast--${toast.tone ?? 'success'}`}
      data-toast-id={toast.id}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setPaused(false);
      }}
    >
      <p className="toast__message">{toast.message}</p>
      {toast.action && (
        <button
          type="button"
          className="toast__action"
          onClick={() => {
            onRemove(toast.id);
            toast.action?.onAction();
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button
        type="button"
        className="icon-button toast__dismiss"
        aria-label="Dismiss notification"
        onClick={finish}
      >
        <span aria-hidden="true">×</span>
      </button>
    </li>
  );
}
