// Ends or changes a member's access at once: when an admin removes someone, revokes an
// invitation (perhaps accepted meanwhile) or changes a role, or Scalekit announces such a change
// by webhook, every BFF session of that user in that organization ends or gets the new roles in
// the shared session store, so their very next request on any instance sees it. An ended BFF
// session's Scalekit session is revoked as well, so its refresh token and hosted sign-in go too.
import type { FastifyBaseLogger } from 'fastify';
import type { SessionStore } from '../session/session-store.js';
import { memberStatusOf, membershipIn, roleNamesOf } from './member-mapping.js';
import { isInvalidArgument, isNotFound } from './scalekit-errors.js';
import type { ScalekitGateway, ScalekitUser } from './scalekit-types.js';

/** The part of the session store that decides who still has access. */
export type SessionAccess = Pick<SessionStore, 'endSessionsOf' | 'changeAccessOf'>;

/** What ending access reaches: the BFF's sessions, then Scalekit's. */
export interface AccessEnding {
  sessions: SessionAccess;
  gateway: ScalekitGateway;
  log: Pick<FastifyBaseLogger, 'warn'>;
}

/**
 * The user is no longer in the organization: their sessions there end, here first (that is
 * what stops their next request), then at Scalekit. A Scalekit session already gone or ended is
 * fine; a Scalekit failure is logged, not thrown, as the access has ended already.
 */
export async function endMemberAccess(
  { sessions, gateway, log }: AccessEnding,
  organizationId: string,
  userId: string,
): Promise<void> {
  const { scalekitSessionIds } = await sessions.endSessionsOf(userId, organizationId);
  await Promise.all(
    scalekitSessionIds.map(async (sessionId) => {
      try {
        await gateway.call((client) => client.session.revokeSession(sessionId));
      } catch (error) {
        // FailedPrecondition (not active any more) reaches us as invalid_argument.
        if (isNotFound(error) || isInvalidArgument(error)) return;
        log.warn({ err: error, sessionId }, 'could not revoke the Scalekit session');
      }
    }),
  );
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
  access: AccessEnding,
  organizationId: string,
  userId: string,
): Promise<void> {
  const { gateway, sessions } = access;
  let user: ScalekitUser | undefined;
  try {
    user = (await gateway.call((client) => client.user.getUser(userId))).user;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const membership = user === undefined ? undefined : membershipIn(user, organizationId);
  if (membership === undefined || memberStatusOf(membership.membershipStatus) !== 'active') {
    await endMemberAccess(access, organizationId, userId);
    return;
  }
  await changeMemberAccess(sessions, organizationId, userId, {
    roles: roleNamesOf(membership),
    permissions: [...membership.permissions],
  });
}
