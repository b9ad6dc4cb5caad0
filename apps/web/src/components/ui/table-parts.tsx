// Parts every list screen shares: the toolbar above a table (title, search, one filter) and the
// pager below it. The screen owns the state (e.g. in the URL); these only show it.
import { useId, type ReactNode } from 'react';
import { Button } from './button';

export function TableToolbar({
  title,
  titleId,
  children,
}: {
  title: ReactNode;
  /** The id tables and sections use to take their name from the title. */
  titleId: string;
  children?: ReactNode;
}) {
  return (
    <div className="toolbar">
      <h2 className="toolbar__title" id={titleId}>
        {title}
      </h2>
      {children && <div className="toolbar__controls">{children}</div>}
    </div>
  );
}

export function SearchField({
  label,
  placeholder,
  value,
  onChange,
}: {
  label: string;
  placeholder?: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <>
      <label className="sr-only" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        type="search"
        className="input"
        placeholder={placeholder}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </>
  );
}

export function FilterSelect<T extends string>({
  label,
  allLabel,
  options,
  value,
  onChange,
}: {
  label: string;
  /** The option for "no filter", e.g. "All statuses". */
  allLabel: string;
  options: readonly { value: T; label: string }[];
  value: T | undefined;
  onChange: (value: T | undefined) => void;
}) {
  const id = useId();
  return (
    <>
      <label className="sr-only" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="input select"
        value={value ?? ''}
        onChange={(event) =>
          onChange(options.find((option) => option.value === event.target.value)?.value)
        }
      >
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </>
  );
}

export function Pager({
  page,
  hasPrevious,
  hasNext,
  busy,
  onPrevious,
  onNext,
}: {
  /** 1-based number of the page on screen. */
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
  busy: boolean;
  onPrevious: () => void;
  onNext: () => void;
}) {
  return (
    <nav className="pager" aria-label="Pages">
      <Button size="sm" disabled={!hasPrevious || busy} onClick={onPrevious}>
        Previous page
      </Button>
      <span className="pager__label">Page {page}</span>
      <Button size="sm" disabled={!hasNext || busy} onClick={onNext}>
        Next page
      </Button>
    </nav>
  );
}
