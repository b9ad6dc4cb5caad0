// `GET /api/team/members`: picks where a page comes from. A search goes to Scalekit's
// organization search (one call per page); otherwise the organization's member index answers
// sorted, filtered pages with counts, and while the index is not built yet Scalekit's listing
// is walked as before (bounded pages, Scalekit's order). Each source has its own cursor kind.
import type { ListMembersQuery, ListMembersResponse, MemberCounts } from '@app/contracts';
import { AppError } from '../errors/app-error.js';
import type { MemberIndex } from '../member-index/member-index.js';
import { SORT_KEYS } from '../member-index/member-index-store.js';
import {
  findMemberByExternalId,
  listMembersFromScalekit,
  SEARCH_PAGE_SIZE,
} from './member-directory.js';
import { toMember } from './member-mapping.js';
import type { ScalekitGateway } from './scalekit-types.js';

const INDEX_CURSOR = 'i.';
const SEARCH_CURSOR = 's.';

function invalidToken(): AppError {
  return new AppError('validation_failed', 'The page token is not valid.', {
    issues: [{ path: 'pageToken', message: 'Not a page token from this list' }],
  });
}

/** Cursors remember the query they page through: reused with another query they are refused. */
function encode(prefix: string, query: string, position: unknown): string {
  return (
    prefix + Buffer.from(JSON.stringify({ q: query, p: position }), 'utf8').toString('base64url')
  );
}

function decode(token: string, prefix: string, query: string): unknown {
  try {
    const value: unknown = JSON.parse(
      Buffer.from(token.slice(prefix.length), 'base64url').toString('utf8'),
    );
    if (typeof value === 'object' && value !== null && 'q' in value && 'p' in value) {
      if (value.q === query) return value.p;
    }
  } catch {
    // Falls through to the refusal.
  }
  throw invalidToken();
}

function indexPosition(value: unknown, length: number): string[] {
  if (
    Array.isArray(value) &&
    value.length === length &&
    value.every((item): item is string => typeof item === 'string')
  ) {
    return value;
  }
  throw invalidToken();
}

export async function listMembers(
  gateway: ScalekitGateway,
  index: MemberIndex,
  organizationId: string,
  query: ListMembersQuery,
): Promise<ListMembersResponse> {
  if (query.externalId !== undefined) {
    // Another system asking for its own record: one lookup, whatever the organization's size.
    const member = await findMemberByExternalId(gateway, organizationId, query.externalId);
    return { members: member === undefined ? [] : [member], nextPageToken: null };
  }
  const token = query.pageToken ?? '';
  const ready = await index.isReady(organizationId);
  const counts: { counts?: MemberCounts } = ready
    ? { counts: await index.store.counts(organizationId) }
    : {};
  const search = query.search ?? '';
  if (search !== '') {
    return { ...(await searchPage(gateway, organizationId, query, search, token)), ...counts };
  }
  if (token.startsWith(SEARCH_CURSOR)) throw invalidToken();
  if (token.startsWith(INDEX_CURSOR) || (token === '' && ready)) {
    const shape = `${query.status ?? ''}|${query.sort}|${query.order}`;
    const columns = SORT_KEYS[query.sort];
    const after =
      token === '' ? undefined : indexPosition(decode(token, INDEX_CURSOR, shape), columns.length);
    const page = await index.store.page(organizationId, {
      status: query.status,
      sort: query.sort,
      order: query.order,
      limit: query.pageSize,
      after,
    });
    return {
      members: page.members,
      nextPageToken: page.last === null ? null : encode(INDEX_CURSOR, shape, page.last),
      ...counts,
    };
  }
  // Not indexed yet: Scalekit's own order, which the walk's cursor (no prefix) continues.
  return listMembersFromScalekit(gateway, organizationId, query);
}

/** One page of Scalekit's organization search (at most 30 members), narrowed by status. */
async function searchPage(
  gateway: ScalekitGateway,
  organizationId: string,
  query: ListMembersQuery,
  search: string,
  token: string,
): Promise<ListMembersResponse> {
  const shape = `${query.status ?? ''}|${search.toLowerCase()}`;
  let scalekitToken: string | undefined;
  if (token !== '') {
    if (!token.startsWith(SEARCH_CURSOR)) throw invalidToken();
    const position = decode(token, SEARCH_CURSOR, shape);
    if (typeof position !== 'string') throw invalidToken();
    scalekitToken = position;
  }
  const page = await gateway.call((client) =>
    client.user.searchOrganizationUsers(
      organizationId,
      search,
      Math.min(query.pageSize, SEARCH_PAGE_SIZE),
      scalekitToken,
    ),
  );
  const members = page.users
    .map((user) => toMember(user, organizationId))
    .filter((member) => member !== undefined)
    .filter((member) => query.status === undefined || member.status === query.status);
  return {
    members,
    nextPageToken:
      page.nextPageToken === '' || page.users.length === 0
        ? null
        : encode(SEARCH_CURSOR, shape, page.nextPageToken),
  };
}
