// Finds which of a set of addresses already belong to an organization (any membership status),
// one bounded search per address instead of a walk over the whole organization.
import type { Member } from '@app/contracts';
import { toMember } from './member-mapping.js';
import type { ScalekitGateway } from './scalekit-types.js';

/** Scalekit's search takes queries of at most this many characters. */
const MAX_QUERY_LENGTH = 100;
/** Scalekit's largest search page. */
const SEARCH_PAGE_SIZE = 30;
/**
 * Search matches substrings, so an address can also match longer ones that contain it
 * (`ann@x.io` in `joann@x.io`); a few pages are plenty to reach the exact one.
 */
const MAX_PAGES_PER_ADDRESS = 5;
/** Lookups in flight at once for one set of addresses. */
const LOOKUP_CONCURRENCY = 8;

async function findMember(
  gateway: ScalekitGateway,
  organizationId: string,
  email: string,
): Promise<Member | undefined> {
  // A prefix of the address is a substring of it, so a long address is still found.
  const query = email.slice(0, MAX_QUERY_LENGTH);
  let pageToken = '';
  for (let page = 0; page < MAX_PAGES_PER_ADDRESS; page += 1) {
    const found = await gateway.call((client) =>
      client.user.searchOrganizationUsers(
        organizationId,
        query,
        SEARCH_PAGE_SIZE,
        pageToken === '' ? undefined : pageToken,
      ),
    );
    for (const user of found.users) {
      if (user.email.toLowerCase() !== email) continue;
      const member = toMember(user, organizationId);
      if (member !== undefined) return member;
    }
    if (found.nextPageToken === '' || found.users.length === 0) return undefined;
    pageToken = found.nextPageToken;
  }
  return undefined;
}

/** Current members among `emails` (lower-cased), keyed by lower-cased email. */
export async function findExistingMembers(
  gateway: ScalekitGateway,
  organizationId: string,
  emails: Iterable<string>,
): Promise<Map<string, Member>> {
  const pending = [...new Set(Array.from(emails, (email) => email.toLowerCase()))];
  const existing = new Map<string, Member>();
  const worker = async () => {
    for (let email = pending.pop(); email !== undefined; email = pending.pop()) {
      const member = await findMember(gateway, organizationId, email);
      if (member !== undefined) existing.set(email, member);
    }
  };
  await Promise.all(Array.from({ length: LOOKUP_CONCURRENCY }, worker));
  return existing;
}
