// The Activity list's place in the URL, so a reload keeps it and a link shares it:
// ?actor=<email or id>&member=<email or id>&kind=<kind>&from=<YYYY-MM-DD>&to=<YYYY-MM-DD>
// &page=<n>&after=<cursor of page 2>,<cursor of page 3>,... Anything malformed is dropped
// rather than sent on to the BFF, which would refuse it.
import {
  AuditKindSchema,
  AuditPersonFilterSchema,
  type AuditFilterQuery,
  type AuditKind,
} from '@app/contracts';

export interface ActivityListState {
  /** Who made the change: email or user id; '' for anyone. */
  actor: string;
  /** Whom the change was about: email or user id; '' for anyone. */
  member: string;
  kind: AuditKind | undefined;
  /** First day shown (the reader's calendar day), YYYY-MM-DD; '' for no start. */
  from: string;
  /** Last day shown, YYYY-MM-DD; '' for no end. */
  to: string;
  /** Cursors of the pages after the first, up to the page on screen. */
  cursors: string[];
}

export const EMPTY_ACTIVITY_STATE: ActivityListState = {
  actor: '',
  member: '',
  kind: undefined,
  from: '',
  to: '',
  cursors: [],
};

// The BFF's cursors are short base64url tokens (the contract allows 64 characters).
const CURSOR = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_PAGES = 100;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A valid person filter as typed (trimmed), or '' when it is not an email or user id. */
export function readPerson(value: string | null): string {
  const parsed = AuditPersonFilterSchema.safeParse((value ?? '').trim());
  return parsed.success ? parsed.data : '';
}

/** A real calendar day as YYYY-MM-DD, or ''. */
export function readDay(value: string | null): string {
  if (value === null || !DAY.test(value)) return '';
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? value : '';
}

export function readActivityListState(params: URLSearchParams): ActivityListState {
  const kind = AuditKindSchema.safeParse(params.get('kind'));
  const from = readDay(params.get('from'));
  const to = readDay(params.get('to'));
  const trail = (params.get('after') ?? '')
    .split(',')
    .filter((cursor) => CURSOR.test(cursor))
    .slice(0, MAX_PAGES);
  const page = Number(params.get('page') ?? String(trail.length + 1));
  const depth = Number.isInteger(page) && page >= 1 ? Math.min(page - 1, trail.length) : 0;
  return {
    actor: readPerson(params.get('actor')),
    member: readPerson(params.get('member')),
    kind: kind.success ? kind.data : undefined,
    from,
    // A range that ends before it starts keeps its start only.
    to: from !== '' && to !== '' && to < from ? '' : to,
    cursors: trail.slice(0, depth),
  };
}

export function writeActivityListState(state: ActivityListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.actor !== '') params.set('actor', state.actor);
  if (state.member !== '') params.set('member', state.member);
  if (state.kind) params.set('kind', state.kind);
  if (state.from !== '') params.set('from', state.from);
  if (state.to !== '') params.set('to', state.to);
  if (state.cursors.length > 0) {
    params.set('page', String(state.cursors.length + 1));
    params.set('after', state.cursors.join(','));
  }
  return params;
}

/** Local midnight at the start of a YYYY-MM-DD day, as an ISO instant. */
function startOfDay(day: string, addDays = 0): string {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  return new Date(year, month - 1, date + addDays).toISOString();
}

/** The BFF's filters: days become instants in the reader's time zone, `to` including its day. */
export function activityFilters(state: ActivityListState): AuditFilterQuery {
  const filters: AuditFilterQuery = {};
  if (state.actor !== '') filters.actor = state.actor;
  if (state.member !== '') filters.member = state.member;
  if (state.kind) filters.kind = state.kind;
  if (state.from !== '') filters.from = startOfDay(state.from);
  if (state.to !== '') filters.to = startOfDay(state.to, 1);
  return filters;
}
