// The Team list's place in the URL, so a reload keeps it and a link shares it:
// ?q=<search>&status=<status>&sort=<column>&order=<asc|desc>&page=<n>&after=<cursor of page 2>,...
// Page cursors are the BFF's opaque base64url tokens (no commas), kept so Previous still works
// after a reload. Anything malformed is dropped rather than sent on to the BFF.
import {
  MemberSortSchema,
  MemberStatusSchema,
  type MemberSort,
  type MemberStatus,
} from '@app/contracts';

export type SortOrder = 'asc' | 'desc';

export interface TeamListState {
  search: string;
  status: MemberStatus | undefined;
  sort: MemberSort;
  order: SortOrder;
  /** Cursors of the pages after the first, up to the page on screen. */
  cursors: string[];
}

const MAX_SEARCH = 200;
const MAX_CURSOR = 512;
const MAX_PAGES = 100;
const CURSOR = /^[A-Za-z0-9_-]+$/;

/** The BFF's default order, which the URL leaves out. */
export const DEFAULT_SORT: MemberSort = 'name';
export const DEFAULT_ORDER: SortOrder = 'asc';

/** The order a column starts in when chosen: newest first for dates, A to Z otherwise. */
export function firstOrderOf(sort: MemberSort): SortOrder {
  return sort === 'invited' || sort === 'joined' ? 'desc' : 'asc';
}

export function readTeamListState(params: URLSearchParams): TeamListState {
  const status = MemberStatusSchema.safeParse(params.get('status'));
  const sort = MemberSortSchema.safeParse(params.get('sort'));
  const order = params.get('order');
  const cursors = (params.get('after') ?? '')
    .split(',')
    .filter((cursor) => cursor.length <= MAX_CURSOR && CURSOR.test(cursor))
    .slice(0, MAX_PAGES);
  const page = Number(params.get('page') ?? '1');
  // `page` says how far along the trail of cursors the screen is; without it, the last one.
  const depth = Number.isInteger(page) && page >= 1 ? Math.min(page - 1, cursors.length) : 0;
  return {
    search: (params.get('q') ?? '').slice(0, MAX_SEARCH),
    status: status.success ? status.data : undefined,
    sort: sort.success ? sort.data : DEFAULT_SORT,
    order: order === 'asc' || order === 'desc' ? order : DEFAULT_ORDER,
    cursors: cursors.slice(0, params.has('page') ? depth : cursors.length),
  };
}

export function writeTeamListState(state: TeamListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.search !== '') params.set('q', state.search);
  if (state.status) params.set('status', state.status);
  if (state.sort !== DEFAULT_SORT || state.order !== DEFAULT_ORDER) {
    params.set('sort', state.sort);
    params.set('order', state.order);
  }
  if (state.cursors.length > 0) {
    params.set('page', String(state.cursors.length + 1));
    params.set('after', state.cursors.join(','));
  }
  return params;
}
