// A small "i" button whose tooltip shows details on hover or keyboard focus; the text is the
// button's description for screen readers, and Escape hides it (WCAG 1.4.13).
import { useId, useState, type ReactNode } from 'react';

export function InfoTip({ label, children }: { label: string; children: ReactNode }) {
  const id = useId();
  const [dismissed, setDismissed] = useState(false);
  return (
    <span
      className={`tip${dismissed ? ' tip--dismissed' : ''}`}
      onMouseLeave={() => setDismissed(false)}
      onBlur={() => setDismissed(false)}
    >
      <button
        type="button"
        className="tip__button"
        aria-label={label}
        aria-describedby={id}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setDismissed(true);
        }}
      >
        <span aria-hidden="true">i</span>
      </button>
      <span role="tooltip" id={id} className="tip__bubble">
        {children}
      </span>
    </span>
  );
}
