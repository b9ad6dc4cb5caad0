// A menu button (WAI-ARIA menu pattern): arrow keys move, Enter picks, Escape closes and
// returns focus to the button, which is where dialogs opened from the menu return focus too.
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';

export interface MenuAction {
  label: string;
  onSelect: () => void;
  tone?: 'danger';
}

export function ActionsMenu({
  visibleLabel = 'Actions',
  label,
  actions,
}: {
  visibleLabel?: string;
  /** Full accessible name, e.g. "Actions for ada@example.com"; starts with `visibleLabel`. */
  label: string;
  actions: readonly MenuAction[];
}) {
  const [open, setOpen] = useState(false);
  const [position, setPosition] = useState<{ top: number; right: number }>({ top: 0, right: 0 });
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const menuId = useId();
  const hiddenSuffix = label.startsWith(visibleLabel) ? label.slice(visibleLabel.length) : '';

  useLayoutEffect(() => {
    if (!open) return;
    const rect = buttonRef.current?.getBoundingClientRect();
    if (rect) setPosition({ top: rect.bottom + 4, right: window.innerWidth - rect.right });
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    function closeOnOutside(event: Event) {
      const target = event.target;
      if (
        target instanceof Node &&
        (menuRef.current?.contains(target) || buttonRef.current?.contains(target))
      )
        return;
      setOpen(false);
    }
    // A fixed-position menu would drift from its button when the page scrolls.
    function closeOnScroll() {
      setOpen(false);
    }
    document.addEventListener('pointerdown', closeOnOutside);
    window.addEventListener('scroll', closeOnScroll, true);
    window.addEventListener('resize', closeOnScroll);
    return () => {
      document.removeEventListener('pointerdown', closeOnOutside);
      window.removeEventListener('scroll', closeOnScroll, true);
      window.removeEventListener('resize', closeOnScroll);
    };
  }, [open]);

  function items(): HTMLElement[] {
    return Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
  }

  function onMenuKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const list = items();
    const index = list.findIndex((item) => item === document.activeElement);
    const focusAt = (next: number) => list[(next + list.length) % list.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        focusAt(index + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        focusAt(index - 1);
        break;
      case 'Home':
        event.preventDefault();
        focusAt(0);
        break;
      case 'End':
        event.preventDefault();
        focusAt(list.length - 1);
        break;
      case 'Escape':
        event.preventDefault();
        setOpen(false);
        buttonRef.current?.focus();
        break;
      case 'Tab':
        setOpen(false);
        break;
    }
  }

  function select(action: MenuAction) {
    setOpen(false);
    // Dialogs remember the focused element to return to; make that the menu button.
    buttonRef.current?.focus();
    action.onSelect();
  }

  return (
    <div className="menu">
      <button
        ref={buttonRef}
        type="button"
        className="button button--ghost button--sm"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        {visibleLabel}
        {hiddenSuffix && <span className="sr-only">{hiddenSuffix}</span>}
        <span aria-hidden="true" className="menu__chevron">
          ▾
        </span>
      </button>
      {open && (
        <ul
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={label}
          className="menu__list"
          style={{ top: position.top, right: position.right }}
          onKeyDown={onMenuKeyDown}
        >
          {actions.map((action) => (
            <li key={action.label} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                className={`menu__item${action.tone === 'danger' ? ' menu__item--danger' : ''}`}
                onClick={() => select(action)}
              >
                {action.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
