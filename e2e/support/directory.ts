// Reads the identity store through the unmodified Scalekit SDK (over the network, against the
// test's emulator), so journeys can prove what was or was not created.
import type { ScalekitClient } from '@scalekit-sdk/node';
// The SDK has no `exports` map; its generated enums are reachable only by deep import.
import { MembershipStatus } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/commons/commons_pb.js';

export interface DirectoryUser {
  id: string;
  email: string;
  /** Status names as Scalekit spells them: ACTIVE, PENDING_INVITE, INVITE_EXPIRED... */
  memberships: { organizationId: string; status: string }[];
}

/** Every user of the environment, all pages. */
export async function listAllUsers(scalekit: ScalekitClient): Promise<DirectoryUser[]> {
  const users: DirectoryUser[] = [];
  let pageToken: string | undefined;
  do {
    const page = await scalekit.user.listUsers({
      pageSize: 100,
      ...(pageToken ? { pageToken } : {}),
    });
    for (const user of page.users) {
      users.push({
        id: user.id,
        email: user.email,
        memberships: user.memberships.map((membership) => ({
          organizationId: membership.organizationId,
          status: MembershipStatus[membership.membershipStatus],
        })),
      });
    }
    pageToken = page.nextPageToken || undefined;
  } while (pageToken !== undefined);
  return users;
}

/** The user with this email (case-insensitive), or undefined when none exists. */
export async function findUserByEmail(
  scalekit: ScalekitClient,
  email: string,
): Promise<DirectoryUser | undefined> {
  const wanted = email.toLowerCase();
  return (await listAllUsers(scalekit)).find((user) => user.email.toLowerCase() === wanted);
}
