// The last-admin rule: a change that takes an active admin away (demotion, removal) needs
// another active admin. With the member index built, its candidates are checked against
// Scalekit one by one (a few calls whatever the size); before that, Scalekit is walked.
import { AppError } from '../errors/app-error.js';
import type { MemberIndex } from '../member-index/member-index.js';
import { currentUser } from './current-user.js';
import { countActiveAdmins } from './member-directory.js';
import { isActiveAdmin, toMember } from './member-mapping.js';
import type { ScalekitGateway } from './scalekit-types.js';

/** Index candidates checked against Scalekit before the rule refuses. */
export const MAX_ADMIN_CANDIDATES = 3;

/**
 * Throws `last_admin` unless an active admin other than `userId` exists. Run it under the
 * organization lock, with the change it guards.
 */
export async function assertAnotherActiveAdmin(
  gateway: ScalekitGateway,
  index: MemberIndex,
  organizationId: string,
  userId: string,
): Promise<void> {
  const refuse = () => new AppError('last_admin', 'The organization needs at least one admin.');
  if (!(await index.isReady(organizationId))) {
    // `userId` is an active admin itself, so one more is needed.
    if ((await countActiveAdmins(gateway, organizationId)) <= 1) throw refuse();
    return;
  }
  // The index may lag (a change made in Scalekit's dashboard, a webhook not yet in): each
  // candidate is confirmed by Scalekit itself, and what Scalekit says goes back to the index.
  const candidates = await index.store.activeAdmins(organizationId, userId, MAX_ADMIN_CANDIDATES);
  for (const candidate of candidates) {
    const user = await currentUser(gateway, candidate);
    const member = user === undefined ? undefined : toMember(user, organizationId);
    if (member === undefined) {
      await index.recordRemoval(organizationId, candidate);
      continue;
    }
    await index.recordMember(organizationId, member);
    if (isActiveAdmin(member)) return;
  }
  // Every candidate was stale: the index is off, so have it rebuilt; refusing is the safe answer.
  if (candidates.length > 0) index.startRebuild(organizationId);
  throw refuse();
}
