// A modal dialog on the native <dialog> element: the browser makes the page behind it inert
// and traps focus; Escape closes it. Mount it to open it, unmount it to close it.
import { useEffect, useId, useLayoutEffect, useRef, type ReactNode } from 'react';

/** Class on <html> while any modal dialog is open: the page behind it does not scroll. */
const SCROLL_LOCK_CLASS = 'scroll-locked';
let openDialogs = 0;

// The browser makes the page inert but still scrolls it under the backdrop; a count, so a
// dialog opened from another one does not unlock the page when it closes.
function lockPageScroll(): () => void {
  openDialogs += 1;
  document.documentElement.classList.add(SCROLL_LOCK_CLASS);
  return () => {
    openDialogs -= 1;
    if (openDialogs === 0) document.documentElement.classList.remove(SCROLL_LOCK_CLASS);
  };
}

export function Dialog({
  title,
  description,
  onClose,
  children,
  footer,
  size = 'md',
  closeDisabled = false,
}: {
  title: string;
  description?: ReactNode;
  onClose: () => void;
  children?: ReactNode;
  footer?: ReactNode;
  size?: 'md' | 'lg';
  /** While true (e.g. during an import), Escape and the close button do nothing. */
  closeDisabled?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const onCloseRef = useRef(onClose);
  const closeDisabledRef = useRef(closeDisabled);
  useEffect(() => {
    onCloseRef.current = onClose;
    closeDisabledRef.current = closeDisabled;
  });

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // Focus goes back where it was when the dialog closes, as people expect.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const unlockPageScroll = lockPageScroll();
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      unlockPageScroll();
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog dialog--${size}`}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        // React state decides whether the dialog is open, not the browser.
        event.preventDefault();
        if (!closeDisabledRef.current) onCloseRef.current();
      }}
    >
      <div className="dialog__header">
        <h2 className="dialog__title" id={titleId}>
          {title}
        </h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Close"
          onClick={onClose}
          disabled={closeDisabled}
        >
          <span aria-hidden="true">×</span>
        </button>
      </div>
      {description && (
        <div className="dialog__description" id={descriptionId}>
          {description}
        </div>
      )}
      <div className="dialog__body">{children}</div>
      {footer && <div className="dialog__footer">{footer}</div>}
    </dialog>
  );
}
