// Keyset paging over insertion order: a page token is an opaque, typed cursor ("after row N"),
// so pages stay stable while rows are added or removed between calls.
import { invalidArgument } from './errors.js';

export interface PageRequest {
  pageSize?: number; // 0 or absent: the default
  pageToken?: string; // empty or absent: the first page
}

export interface Page<T> {
  items: T[];
  nextPageToken: string; // empty on the last page
  totalSize: number;
}

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 100;

export interface Cursor {
  limit: number;
  afterSeq: number;
}

/** Page sizes of the list RPCs; the search RPCs allow 1 to 30 and default to 30. */
export interface PageSizes {
  defaultSize: number;
  maxSize: number;
}

const LIST_SIZES: PageSizes = { defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE };

export function readCursor(kind: string, request: PageRequest, sizes = LIST_SIZES): Cursor {
  const size = request.pageSize ?? 0;
  if (!Number.isInteger(size) || size < 0 || size > sizes.maxSize) {
    throw invalidArgument(`page_size must be between 1 and ${sizes.maxSize}`);
  }
  const limit = size === 0 ? sizes.defaultSize : size;
  const token = request.pageToken ?? '';
  if (token === '') return { limit, afterSeq: 0 };
  const afterSeq = decodeToken(kind, token);
  if (afterSeq === undefined) throw invalidArgument('page_token is not valid for this list');
  return { limit, afterSeq };
}

/** Builds a page from up to `limit + 1` rows read after the cursor (the extra row means "there is more"). */
export function toPage<R extends { seq: number }, T>(
  kind: string,
  cursor: Cursor,
  rows: R[],
  totalSize: number,
  map: (row: R) => T,
): Page<T> {
  const pageRows = rows.slice(0, cursor.limit);
  const last = pageRows.at(-1);
  const nextPageToken =
    rows.length > cursor.limit && last !== undefined ? encodeToken(kind, last.seq) : '';
  return { items: pageRows.map(map), nextPageToken, totalSize };
}

function encodeToken(kind: string, seq: number): string {
  return Buffer.from(JSON.stringify({ k: kind, a: seq })).toString('base64url');
}

function decodeToken(kind: string, token: string): number | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { k, a } = parsed as { k?: unknown; a?: unknown };
    return k === kind && typeof a === 'number' && Number.isInteger(a) && a >= 0 ? a : undefined;
  } catch {
    return undefined;
  }
}
