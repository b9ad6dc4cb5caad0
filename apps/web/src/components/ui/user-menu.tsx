// The account menu at the top right: who is signed in, the theme switch and Sign out, behind a
// disclosure button (not an ARIA menu: it holds a radio group). Escape or a click elsewhere
// closes it; Escape returns focus to the button.
import { useId, type ReactNode } from 'react';
import { ThemeSwitch } from './theme-switch';
import { usePopover } from './use-popover';

export function UserMenu({
  name,
  email,
  context,
  children,
}: {
  name: string;
  email: string;
  /** Shown on the button beside the initial, e.g. the organization's name. */
  context: string;
  /** Actions at the bottom of the panel, e.g. the Sign out button. */
  children: ReactNode;
}) {
  const { open, setOpen, rootRef, buttonRef } = usePopover();
  const panelId = useId();
  const label = name || email;

  return (
    <div className="user-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="user-menu__button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="avatar avatar--sm" aria-hidden="true">
          {label.slice(0, 1).toUpperCase()}
        </span>
        <span className="user-menu__context">{context}</span>
        <span className="sr-only">, account menu</span>
        <span aria-hidden="true" className="menu__chevron">
          ▾
        </span>
      </button>
      {open && (
        <div id={panelId} className="user-menu__panel">
          <div className="user-menu__who">
            {name && <p className="user-menu__name break-anywhere">{name}</p>}
            <p className={`break-anywhere${name ? ' muted small' : ' user-menu__name'}`}>{email}</p>
          </div>
          <ThemeSwitch />
          <div className="user-menu__actions">{children}</div>
        </div>
      )}
    </div>
  );
}
