// A menu button (WAI-ARIA menu pattern): arrow keys move, Enter picks, Escape closes and
// returns focus to the button, which is where dialogs opened from the menu return focus too.
// The open list (actions-menu-list.tsx) loads on the first open, or when the pointer or focus
// reaches a menu button, so a long table renders only its buttons.
import { lazy, Suspense, useCallback, useId, useRef, useState } from 'react';

export interface MenuAction {
  label: string;
  onSelect: () => void;
  tone?: 'danger';
}

const loadList = () => import('./actions-menu-list');
const ActionsMenuList = lazy(() =>
  loadList().then((module) => ({ default: module.ActionsMenuList })),
);

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
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuId = useId();
  const hiddenSuffix = label.startsWith(visibleLabel) ? label.slice(visibleLabel.length) : '';
  const close = useCallback(() => setOpen(false), []);
  const prefetch = () => void loadList().catch(() => undefined);

  return (
    <div className="menu">
      <button
        ref={buttonRef}
        type="button"
        className="button button--ghost button--sm"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onPointerEnter={prefetch}
        onFocus={prefetch}
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
        <Suspense fallback={null}>
          <ActionsMenuList
            id={menuId}
            label={label}
            actions={actions}
            buttonRef={buttonRef}
            onClose={close}
          />
        </Suspense>
      )}
    </div>
  );
}
