// The Team list's place in the URL, so a reload keeps it and a link shares it:
// ?q=<search>&status=<status>&page=<n>&after=<cursor of page 2>,<cursor of page 3>,...
// Page cursors are the BFF's opaque base64url tokens (no commas), kept so Previous still works
// after a reload. Anything malformed is dropped rather than sent on to the BFF.
import { MemberStatusSchema, type MemberStatus } from '@app/contracts';

export interface TeamListState {
  search: string;
  status: MemberStatus | undefined;
  /** Cursors of the pages after the first, up to the page on screen. */
  cursors: string[];
}

const MAX_SEARCH = 200;
const MAX_CURSOR = 512;
const MAX_PAGES = 100;
const CURSOR = /^[A-Za-z0-9_-]+$/;

export function readTeamListState(params: URLSearchParams): TeamListState {
  const status = MemberStatusSchema.safeParse(params.get('status'));
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
    cursors: cursors.slice(0, params.has('page') ? depth : cursors.length),
  };
}

export function writeTeamListState(state: TeamListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.search !== '') params.set('q', state.search);
  if (state.status) params.set('status', state.status);
  if (state.cursors.length > 0) {
    params.set('page', String(state.cursors.length + 1));
    params.set('after', state.cursors.join(','));
  }
  return params;
}
