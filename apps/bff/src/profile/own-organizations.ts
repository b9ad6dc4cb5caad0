// The organizations the signed-in person may switch to: their active memberships and pending
// invitations, read from Scalekit (the session knows only the one it is in).
import type { OwnOrganization } from '@app/contracts';
import { memberStatusOf } from '../team/member-mapping.js';
import type { ScalekitGateway, ScalekitMembership } from '../team/scalekit-types.js';

/** Every membership of the user, whatever its status (sessions exist only in active ones). */
export async function membershipsOf(
  gateway: ScalekitGateway,
  userId: string,
): Promise<ScalekitMembership[]> {
  const answer = await gateway.call((client) => client.user.getUser(userId));
  return answer.user?.memberships ?? [];
}

/**
 * Active memberships and live invitations, by name; the current organization is always listed
 * (as Scalekit may answer before it shows a membership just accepted).
 */
export function ownOrganizationsOf(
  memberships: ScalekitMembership[],
  current: { id: string; name: string },
): OwnOrganization[] {
  const listed = new Map<string, OwnOrganization>();
  for (const membership of memberships) {
    const status = memberStatusOf(membership.membershipStatus);
    if (status !== 'active' && status !== 'pending') continue;
    listed.set(membership.organizationId, {
      id: membership.organizationId,
      name: membership.name ?? membership.displayName ?? membership.organizationId,
      status: status === 'active' ? 'active' : 'invited',
      current: membership.organizationId === current.id,
    });
  }
  if (!listed.has(current.id)) {
    listed.set(current.id, { ...current, status: 'active', current: true });
  }
  return [...listed.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Whether the user may switch to `organizationId` (a member there, or invited). */
export function maySwitchTo(memberships: ScalekitMembership[], organizationId: string): boolean {
  return memberships.some((membership) => {
    if (membership.organizationId !== organizationId) return false;
    const status = memberStatusOf(membership.membershipStatus);
    return status === 'active' || status === 'pending';
  });
}
