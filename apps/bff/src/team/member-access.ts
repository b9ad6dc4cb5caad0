// Ends or changes a member's access at once: when an admin removes someone, revokes an
// invitation (perhaps accepted meanwhile) or changes a role, or Scalekit announces such a change
// by webhook, every BFF session of that user in that organization ends or gets the new roles in
// the shared session store, so their very next request on any instance sees it.
import type { SessionStore } from '../session/session-store.js';
import { memberStatusOf, membershipIn, roleNamesOf } from './member-mapping.js';
import { isNotFound } from './scalekit-errors.js';
import type { ScalekitGateway, ScalekitUser } from './scalekit-types.js';

/** The part of the session store that decides who still has access. */
export type SessionAccess = Pick<SessionStore, 'endSessionsOf' | 'changeAccessOf'>;

/** The user is no longer in the organization: their sessions there end. */
export async function endMemberAccess(
  sessions: SessionAccess,
  organizationId: string,
  userId: string,
): Promise<void> {
  await sessions.endSessionsOf(userId, organizationId);
}

/** The member's roles are now `roles` (granting `permissions`): their sessions carry them. */
export async function changeMemberAccess(
  sessions: SessionAccess,
  organizationId: string,
  userId: string,
  access: { roles: string[]; permissions: string[] },
): Promise<void> {
  await sessions.changeAccessOf(userId, organizationId, access);
}

/**
 * Reads the membership back from Scalekit and brings the user's sessions in line with it: an
 * active membership gives its roles, anything else (gone, deactivated) ends them.
 */
export async function syncMemberAccess(
  gateway: ScalekitGateway,
  sessions: SessionAccess,
  organizationId: string,
  userId: string,
): Promise<void> {
  let user: ScalekitUser | undefined;
  try {
    user = (await gateway.call((client) => client.user.getUser(userId))).user;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const membership = user === undefined ? undefined : membershipIn(user, organizationId);
  if (membership === undefined || memberStatusOf(membership.membershipStatus) !== 'active') {
    await endMemberAccess(sessions, organizationId, userId);
    return;
  }
  await changeMemberAccess(sessions, organizationId, userId, {
    roles: roleNamesOf(membership),
    permissions: [...membership.permissions],
  });
}
