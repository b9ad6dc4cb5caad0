// The open list of an ActionsMenu: placed under its button (and kept there while the page
// scrolls), first item focused, arrow keys, Home/End, Escape (back to the button) and Tab; a
// click elsewhere, or the button scrolling out of sight, closes it. Its own chunk: a table of
// rows with menus loads only their buttons.
import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import type { MenuAction } from './actions-menu';

export function ActionsMenuList({
  id,
  label,
  actions,
  buttonRef,
  onClose,
}: {
  id: string;
  label: string;
  actions: readonly MenuAction[];
  buttonRef: RefObject<HTMLButtonElement | null>;
  onClose: () => void;
}) {
  const [position, setPosition] = useState<{ top: number; right: number }>({ top: 0, right: 0 });
  const menuRef = useRef<HTMLUListElement>(null);

  useLayoutEffect(() => {
    const rect = buttonRef.current?.getBoundingClientRect();
    if (rect) setPosition({ top: rect.bottom + 4, right: window.innerWidth - rect.right });
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [buttonRef]);

  useEffect(() => {
    function closeOnOutside(event: Event) {
      const target = event.target;
      if (
        target instanceof Node &&
        (menuRef.current?.contains(target) || buttonRef.current?.contains(target))
      )
        return;
      onClose();
    }
    // The list is fixed-positioned: it follows its button when the page (or the table) scrolls
    // or the window resizes, and closes once the button is out of sight.
    function follow() {
      const rect = buttonRef.current?.getBoundingClientRect();
      if (!rect || rect.bottom < 0 || rect.top > window.innerHeight) {
        onClose();
        return;
      }
      setPosition({ top: rect.bottom + 4, right: window.innerWidth - rect.right });
    }
    document.addEventListener('pointerdown', closeOnOutside);
    window.addEventListener('scroll', follow, true);
    window.addEventListener('resize', follow);
    return () => {
      document.removeEventListener('pointerdown', closeOnOutside);
      window.removeEventListener('scroll', follow, true);
      window.removeEventListener('resize', follow);
    };
  }, [buttonRef, onClose]);

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
        onClose();
        buttonRef.current?.focus();
        break;
      case 'Tab':
        onClose();
        break;
    }
  }

  function select(action: MenuAction) {
    onClose();
    // Dialogs remember the focused element to return to; make that the menu button.
    buttonRef.current?.focus();
    action.onSelect();
  }

  return (
    <ul
      ref={menuRef}
      id={id}
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
  );
}
