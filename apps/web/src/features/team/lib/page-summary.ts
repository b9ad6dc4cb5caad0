// What the pager says about the page on screen: "26–50 of 312", or "26–50" when the total of
// what is listed is not known (a search: the BFF counts the organization, not the matches).
import { formatCount } from '@/lib/format';

export function pageSummary({
  pageIndex,
  pageSize,
  shown,
  total,
}: {
  /** 0 for the first page. */
  pageIndex: number;
  pageSize: number;
  /** Rows on this page. */
  shown: number;
  total: number | undefined;
}): string {
  const first = pageIndex * pageSize + 1;
  const last = pageIndex * pageSize + shown;
  const range = `${formatCount(first)}–${formatCount(last)}`;
  return total === undefined ? range : `${range} of ${formatCount(Math.max(total, last))}`;
}
