// Turns a verified Scalekit webhook into the live team event the Team page understands.
// Membership events carry the organization and the user; the member's current state is read
// back from Scalekit so the page gets the same Member shape as from the list. A user's own
// change (`user.updated`: a new name) concerns every organization they are in.
import { z } from 'zod';
import type { TeamEvent } from '@app/contracts';
import { currentUser } from './current-user.js';
import { toMember } from './member-mapping.js';
import type { ScalekitGateway } from './scalekit-types.js';

const MEMBERSHIP_EVENT_TYPES = {
  'user.organization_invitation': 'member.added',
  'user.organization_membership_created': 'member.added',
  'user.organization_membership_updated': 'member.updated',
  'user.organization_membership_deleted': 'member.removed',
} as const satisfies Record<string, TeamEvent['type']>;

type MembershipEventType = keyof typeof MEMBERSHIP_EVENT_TYPES;

/** Standard Webhooks envelope as Scalekit sends it; unknown fields are ignored. */
export const WebhookEnvelopeSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  organization_id: z.string().nullish(),
  data: z
    .object({
      organization: z.object({ id: z.string() }).partial().nullish(),
      organization_id: z.string().nullish(),
      user: z.object({ id: z.string() }).partial().nullish(),
      user_id: z.string().nullish(),
    })
    .nullish(),
});
export type WebhookEnvelope = z.infer<typeof WebhookEnvelopeSchema>;

export interface MembershipChange {
  organizationId: string;
  userId: string;
  type: TeamEvent['type'];
}

function isMembershipEventType(type: string): type is MembershipEventType {
  return Object.hasOwn(MEMBERSHIP_EVENT_TYPES, type);
}

/** The membership change an event describes, or undefined for events the Team page ignores. */
export function membershipChangeOf(envelope: WebhookEnvelope): MembershipChange | undefined {
  if (!isMembershipEventType(envelope.type)) return undefined;
  const organizationId =
    envelope.organization_id ?? envelope.data?.organization?.id ?? envelope.data?.organization_id;
  const userId = envelope.data?.user?.id ?? envelope.data?.user_id;
  if (!organizationId || !userId) return undefined;
  return { organizationId, userId, type: MEMBERSHIP_EVENT_TYPES[envelope.type] };
}

/** The user whose own profile changed (`user.updated`), or undefined for other events. */
export function updatedUserOf(envelope: WebhookEnvelope): string | undefined {
  if (envelope.type !== 'user.updated') return undefined;
  return envelope.data?.user?.id ?? envelope.data?.user_id ?? undefined;
}

/** The TeamEvent for a change: added/updated carry the member as Scalekit has it now. */
export async function teamEventFor(
  gateway: ScalekitGateway,
  change: MembershipChange,
): Promise<TeamEvent> {
  const removed: TeamEvent = { type: 'member.removed', userId: change.userId };
  if (change.type === 'member.removed') return removed;
  const user = await currentUser(gateway, change.userId);
  const member = user === undefined ? undefined : toMember(user, change.organizationId);
  // Gone by the time we looked (e.g. invited then revoked at once): say so rather than stay silent.
  return member === undefined ? removed : { type: change.type, userId: change.userId, member };
}
