// Search over users and organizations as Scalekit documents it: case-insensitive substring
// match on email / id / external id (users) or name / id / external id (organizations), queries
// of 3 to 100 characters, pages of 1 to 30 (0 means 30), oldest first, opaque page tokens.
import type { Organization, User } from '../domain.js';
import { invalidArgument } from './errors.js';
import { requireOrganization } from './lookups.js';
import { readCursor, toPage, type Page, type PageRequest, type PageSizes } from './paging.js';
import { toMembership, toOrganization, toUser } from './rows.js';
import { SearchIndex } from './search-index.js';
import type { DirectoryStore, OrganizationMember } from './store.js';

export const SEARCH_PAGE_SIZES: PageSizes = { defaultSize: 30, maxSize: 30 };
export const MIN_QUERY_LENGTH = 3;
export const MAX_QUERY_LENGTH = 100;

export class Search {
  private readonly index: SearchIndex;

  constructor(
    private readonly store: DirectoryStore,
    private readonly now: () => Date,
  ) {
    this.index = new SearchIndex(store.db);
  }

  searchUsers(query: string, request: PageRequest): Page<User> {
    const text = checkQuery(query);
    const cursor = readCursor('user-search', request, SEARCH_PAGE_SIZES);
    const found = this.index.users(text, cursor.afterSeq, cursor.limit + 1);
    return toPage('user-search', cursor, found.rows, found.total, toUser);
  }

  searchOrganizationUsers(
    organizationId: string,
    query: string,
    request: PageRequest,
  ): Page<OrganizationMember> {
    if (!organizationId.startsWith('org_')) {
      throw invalidArgument(`organization_id "${organizationId}" is not an organization id`);
    }
    const text = checkQuery(query);
    const org = requireOrganization(this.store, { id: organizationId });
    const kind = `member-search:${org.id}`;
    const cursor = readCursor(kind, request, SEARCH_PAGE_SIZES);
    const found = this.index.organizationMembers(org.id, text, cursor.afterSeq, cursor.limit + 1);
    const now = this.now();
    const rows = found.rows.map((row) => ({ ...row, seq: row.user_seq }));
    return toPage(kind, cursor, rows, found.total, (row) => {
      const user = this.store.getUser(row.user_id);
      // The join above found the user; a miss would mean a corrupted database.
      if (user === undefined)
        throw new Error(`membership row points at missing user ${row.user_id}`);
      return { user, membership: toMembership(row, now) };
    });
  }

  searchOrganizations(query: string, request: PageRequest): Page<Organization> {
    const text = checkQuery(query);
    const cursor = readCursor('organization-search', request, SEARCH_PAGE_SIZES);
    const found = this.index.organizations(text, cursor.afterSeq, cursor.limit + 1);
    return toPage('organization-search', cursor, found.rows, found.total, toOrganization);
  }
}

function checkQuery(query: string): string {
  const text = query.trim();
  if (text.length < MIN_QUERY_LENGTH || text.length > MAX_QUERY_LENGTH) {
    throw invalidArgument(
      `query must have ${MIN_QUERY_LENGTH} to ${MAX_QUERY_LENGTH} characters (got ${text.length})`,
    );
  }
  return text;
}
