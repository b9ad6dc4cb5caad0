// Reads an organization's members from Scalekit: one member, lookups by email through
// Scalekit's search, search pages, and the bounded walk used while the member index of an
// organization is not built yet (pages filtered by status, the last-admin count).
import type { ListMembersQuery, ListMembersResponse, Member } from '@app/contracts';
import { AppError } from '../errors/app-error.js';
import { isActiveAdmin, membershipIn, toMember } from './member-mapping.js';
import { isNotFound } from './scalekit-errors.js';
import type { ScalekitGateway, ScalekitUser } from './scalekit-types.js';

/** Page size used for every Scalekit scan; fixed so that a cursor's offset stays meaningful. */
export const SCAN_PAGE_SIZE = 100;
/** Most Scalekit pages one `GET /api/team/members` reads before handing a cursor back. */
export const MAX_SCAN_PAGES_PER_REQUEST = 20;

/** Position in Scalekit's listing: the page token of a page and an offset into that page. */
interface Cursor {
  t: string;
  o: number;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

export function decodeCursor(token: string | undefined): Cursor {
  if (token === undefined || token === '') return { t: '', o: 0 };
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      typeof value === 'object' &&
      value !== null &&
      't' in value &&
      'o' in value &&
      typeof value.t === 'string' &&
      typeof value.o === 'number' &&
      Number.isInteger(value.o) &&
      value.o >= 0 &&
      value.o < SCAN_PAGE_SIZE
    ) {
      return { t: value.t, o: value.o };
    }
  } catch {
    // Falls through to the refusal below.
  }
  throw new AppError('validation_failed', 'The page token is not valid.', {
    issues: [{ path: 'pageToken', message: 'Not a page token from this list' }],
  });
}

function matches(member: Member, query: Pick<ListMembersQuery, 'status'>): boolean {
  return query.status === undefined || member.status === query.status;
}

async function listPage(gateway: ScalekitGateway, organizationId: string, pageToken: string) {
  return gateway.call((client) =>
    client.user.listOrganizationUsers(organizationId, {
      pageSize: SCAN_PAGE_SIZE,
      ...(pageToken === '' ? {} : { pageToken }),
    }),
  );
}

/**
 * One page of members matching the status filter, read from Scalekit while the organization's
 * member index is not built yet. Scalekit cannot filter, so this walks Scalekit's
 * pages (fixed size) from the cursor, keeps matching members until `pageSize` are found, and
 * returns a cursor (Scalekit page token + offset in that page) pointing just past the last
 * member returned. A sparse filter may need many Scalekit pages: after
 * MAX_SCAN_PAGES_PER_REQUEST it answers with fewer members and a cursor to continue from.
 */
export async function listMembersFromScalekit(
  gateway: ScalekitGateway,
  organizationId: string,
  query: Pick<ListMembersQuery, 'status' | 'pageSize' | 'pageToken'>,
): Promise<ListMembersResponse> {
  let { t: pageToken, o: offset } = decodeCursor(query.pageToken);
  const members: Member[] = [];
  for (let scanned = 0; scanned < MAX_SCAN_PAGES_PER_REQUEST; scanned += 1) {
    const page = await listPage(gateway, organizationId, pageToken);
    for (let index = offset; index < page.users.length; index += 1) {
      const user = page.users[index];
      const member = user === undefined ? undefined : toMember(user, organizationId);
      if (member === undefined || !matches(member, query)) continue;
      members.push(member);
      if (members.length === query.pageSize) {
        const next: Cursor | null =
          index + 1 < page.users.length
            ? { t: pageToken, o: index + 1 }
            : page.nextPageToken !== ''
              ? { t: page.nextPageToken, o: 0 }
              : null;
        return { members, nextPageToken: next === null ? null : encodeCursor(next) };
      }
    }
    if (page.nextPageToken === '') return { members, nextPageToken: null };
    pageToken = page.nextPageToken;
    offset = 0;
  }
  return { members, nextPageToken: encodeCursor({ t: pageToken, o: 0 }) };
}

/** Calls `visit` with every member of the organization, page by page, until it returns false. */
export async function forEachMember(
  gateway: ScalekitGateway,
  organizationId: string,
  visit: (member: Member, user: ScalekitUser) => boolean | undefined,
): Promise<void> {
  let pageToken = '';
  for (;;) {
    const page = await listPage(gateway, organizationId, pageToken);
    for (const user of page.users) {
      const member = toMember(user, organizationId);
      if (member !== undefined && visit(member, user) === false) return;
    }
    if (page.nextPageToken === '' || page.users.length === 0) return;
    pageToken = page.nextPageToken;
  }
}

/**
 * Most search pages one email lookup reads. Scalekit's search matches substrings, so the exact
 * address can follow other addresses that contain it ("bob@x.io" in "jimbob@x.io"); past this
 * many pages of such neighbours the lookup gives up (treated as not found).
 */
export const MAX_LOOKUP_PAGES = 3;
/** Scalekit's largest search page. */
export const SEARCH_PAGE_SIZE = 30;

/** The first of `users` whose email is exactly `email` (case-insensitive). */
async function findExactEmail(
  email: string,
  readPage: (pageToken: string) => Promise<{ users: ScalekitUser[]; nextPageToken: string }>,
): Promise<ScalekitUser | undefined> {
  const wanted = email.toLowerCase();
  let pageToken = '';
  for (let read = 0; read < MAX_LOOKUP_PAGES; read += 1) {
    const page = await readPage(pageToken);
    const user = page.users.find((candidate) => candidate.email.toLowerCase() === wanted);
    if (user !== undefined) return user;
    if (page.nextPageToken === '' || page.users.length === 0) return undefined;
    pageToken = page.nextPageToken;
  }
  return undefined;
}

/** The member of `organizationId` with this email, through Scalekit's organization search. */
export async function findMemberByEmail(
  gateway: ScalekitGateway,
  organizationId: string,
  email: string,
): Promise<Member | undefined> {
  const user = await findExactEmail(email, (pageToken) =>
    gateway.call((client) =>
      client.user.searchOrganizationUsers(
        organizationId,
        email,
        SEARCH_PAGE_SIZE,
        pageToken === '' ? undefined : pageToken,
      ),
    ),
  );
  return user === undefined ? undefined : toMember(user, organizationId);
}

/** Counts active admins, stopping at `enough` (the last-admin rule only needs "one or more than one"). */
export async function countActiveAdmins(
  gateway: ScalekitGateway,
  organizationId: string,
  enough = 2,
): Promise<number> {
  let count = 0;
  await forEachMember(gateway, organizationId, (member) => {
    if (isActiveAdmin(member)) count += 1;
    return count < enough;
  });
  return count;
}

/** A member with the membership metadata that an update must carry back unchanged. */
export interface MemberRecord {
  member: Member;
  metadata: Record<string, string>;
  /** What the member's roles grant in the organization (Scalekit's effective permissions). */
  permissions: string[];
}

/**
 * The member `userId` of `organizationId`. A user who does not exist and a user of another
 * organization get the same 404, so nobody can probe other organizations.
 */
export async function getMemberRecord(
  gateway: ScalekitGateway,
  organizationId: string,
  userId: string,
): Promise<MemberRecord> {
  let user: ScalekitUser | undefined;
  try {
    user = (await gateway.call((client) => client.user.getUser(userId))).user;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const member = user === undefined ? undefined : toMember(user, organizationId);
  const membership = user === undefined ? undefined : membershipIn(user, organizationId);
  if (member === undefined || membership === undefined) {
    throw new AppError('not_found', 'No such member in your organization.');
  }
  return {
    member,
    metadata: { ...membership.metadata },
    permissions: [...membership.permissions],
  };
}

export async function getMember(
  gateway: ScalekitGateway,
  organizationId: string,
  userId: string,
): Promise<Member> {
  return (await getMemberRecord(gateway, organizationId, userId)).member;
}

/** The member of `organizationId` another system knows by `externalId`: one direct lookup. */
export async function findMemberByExternalId(
  gateway: ScalekitGateway,
  organizationId: string,
  externalId: string,
): Promise<Member | undefined> {
  try {
    const { user } = await gateway.call((client) => client.user.getUserByExternalId(externalId));
    return user === undefined ? undefined : toMember(user, organizationId);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * Finds a user anywhere in the environment by email (for inviting someone who has an account),
 * through Scalekit's environment-wide search, never a walk over every user.
 */
export async function findUserByEmail(
  gateway: ScalekitGateway,
  email: string,
): Promise<ScalekitUser | undefined> {
  return findExactEmail(email, (pageToken) =>
    gateway.call((client) =>
      client.user.searchUsers(email, SEARCH_PAGE_SIZE, pageToken === '' ? undefined : pageToken),
    ),
  );
}
