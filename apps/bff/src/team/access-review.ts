// The access review: every member of an organization with role, status, who invited them and
// when, last sign-in, external id and metadata, as CSV lines. Read from Scalekit one page at a time and written out
// as each page arrives, so a large organization never sits in memory whole.
import { ACCESS_REVIEW_CSV_COLUMNS } from '@app/contracts';
import { writeCsvLines } from '@app/invite-csv';
import { toIso, toMember } from './member-mapping.js';
import { SCAN_PAGE_SIZE } from './member-directory.js';
import type { ScalekitGateway } from './scalekit-types.js';

/** The header, then one line per member, in Scalekit's order. */
export async function* accessReviewLines(
  gateway: ScalekitGateway,
  organizationId: string,
  pageSize: number = SCAN_PAGE_SIZE,
): AsyncGenerator<string> {
  yield writeCsvLines([ACCESS_REVIEW_CSV_COLUMNS]);
  let pageToken = '';
  for (;;) {
    const page = await gateway.call((client) =>
      client.user.listOrganizationUsers(organizationId, {
        pageSize,
        ...(pageToken === '' ? {} : { pageToken }),
      }),
    );
    const rows: (string | null)[][] = [];
    for (const user of page.users) {
      const member = toMember(user, organizationId);
      if (member === undefined) continue;
      rows.push([
        member.userId,
        member.email,
        member.name,
        member.roles.join(' '),
        member.status,
        member.invitedBy,
        member.invitedAt,
        member.acceptedAt,
        toIso(user.lastLoginTime),
        member.externalId,
        JSON.stringify(member.metadata),
      ]);
    }
    yield writeCsvLines(rows);
    if (page.nextPageToken === '' || page.users.length === 0) return;
    pageToken = page.nextPageToken;
  }
}
