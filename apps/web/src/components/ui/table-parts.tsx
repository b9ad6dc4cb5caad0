// Parts every list screen shares: the toolbar above a table (title, search, one filter), sortable
// column headers, and the pager below it. The screen owns the state (e.g. in the URL); these only
// show it.
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

/**
 * A column header that sorts the table: a button naming the column, with `aria-sort` on the
 * header of the column the table is sorted by (none while `sort` is undefined, e.g. a search).
 */
export function SortHeader<T extends string>({
  label,
  column,
  sort,
  order,
  onSort,
}: {
  label: string;
  column: T;
  sort: T | undefined;
  order: 'asc' | 'desc';
  onSort: (column: T) => void;
}) {
  const active = sort === column;
  return (
    <th scope="col" aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" className="sort-button" onClick={() => onSort(column)}>
        {label}
        <span className="sort-button__mark" aria-hidden="true">
          {active ? (order === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

export function Pager({
  page,
  summary,
  hasPrevious,
  hasNext,
  busy,
  onPrevious,
  onNext,
}: {
  /** 1-based number of the page on screen. */
  page: number;
  /** What the page holds, e.g. "26–50 of 312"; "Page <n>" when not given. */
  summary?: string | undefined;
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
      <span className="pager__label">{summary ?? `Page ${String(page)}`}</span>
      <Button size="sm" disabled={!hasNext || busy} onClick={onNext}>
        Next page
      </Button>
    </nav>
  );
}
