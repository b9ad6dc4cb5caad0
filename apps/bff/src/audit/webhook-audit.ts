// Turns a verified Scalekit membership webhook into an audit entry when it is news: a change made
// at Scalekit (its dashboard, another client) or by the invitee (accepting). Echoes of the app's
// own changes, which the app records itself, are recognised and skipped; a redelivery of the
// same webhook writes nothing (its `webhook-id` is unique in the log).
import { z } from 'zod';
import type { AuditMemberState, MemberStatus } from '@app/contracts';
import type { AuditStore, NewAuditEntry } from './audit-store.js';

const SCALEKIT_STATUS: Record<string, MemberStatus> = {
  ACTIVE: 'active',
  PENDING_INVITE: 'pending',
  INVITE_EXPIRED: 'expired',
  INACTIVE: 'inactive',
};

/** The parts of a membership event the audit log needs; other fields are ignored. */
const MembershipEventSchema = z.object({
  type: z.enum([
    'user.organization_membership_created',
    'user.organization_membership_updated',
    'user.organization_membership_deleted',
  ]),
  organization_id: z.string().nullish(),
  data: z.object({
    user: z.object({ id: z.string(), email: z.string() }),
    membership: z.object({
      organization_id: z.string().nullish(),
      membership_status: z.string().nullish(),
      roles: z.array(z.object({ name: z.string() })).nullish(),
    }),
  }),
});

function sameRoles(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

/**
 * Records the change `event` announces, if it is news. Returns the kind recorded, or undefined
 * when the event is not a membership change, is an echo, or says nothing the log can name.
 */
export async function recordWebhookChange(
  store: AuditStore,
  event: unknown,
  webhookId: string,
  now: Date = new Date(),
): Promise<NewAuditEntry['kind'] | undefined> {
  const parsed = MembershipEventSchema.safeParse(event);
  if (!parsed.success) return undefined;
  const { type, data } = parsed.data;
  const organizationId = parsed.data.organization_id ?? data.membership.organization_id;
  if (!organizationId) return undefined;
  const { id: userId, email } = data.user;
  const state: AuditMemberState = {
    status: SCALEKIT_STATUS[data.membership.membership_status ?? ''] ?? 'active',
    roles: (data.membership.roles ?? []).map((role) => role.name).filter((name) => name !== ''),
  };
  const base = {
    organizationId,
    occurredAt: now,
    source: 'scalekit_webhook',
    actor: { type: 'scalekit' },
    ip: null,
    member: { userId, email },
    eventId: webhookId,
  } as const;
  const record = async (entry: NewAuditEntry) =>
    (await store.append(entry)) ? entry.kind : undefined;

  if (type === 'user.organization_membership_created') {
    if (await store.isExpected(organizationId, email, ['invite'], now)) return undefined;
    const kind = state.status === 'active' ? 'member.added' : 'member.invited';
    return record({ ...base, kind, before: null, after: state });
  }
  if (type === 'user.organization_membership_deleted') {
    if (await store.isExpected(organizationId, email, ['remove'], now)) return undefined;
    const kind = state.status === 'active' ? 'member.removed' : 'invitation.revoked';
    return record({ ...base, kind, before: state, after: null });
  }
  // Updated: only the log's last word on this member tells what changed.
  const known = (await store.latestAbout(organizationId, userId))?.after ?? null;
  if (known === null) return undefined;
  if ((known.status === 'pending' || known.status === 'expired') && state.status === 'active') {
    // Only the invitee can accept an invitation: they are the actor.
    return record({
      ...base,
      kind: 'member.joined',
      actor: { type: 'user', userId, email },
      before: known,
      after: state,
    });
  }
  if (await store.isExpected(organizationId, email, ['invite', 'resend', 'role_change'], now)) {
    return undefined;
  }
  if (sameRoles(known.roles, state.roles)) return undefined;
  return record({ ...base, kind: 'member.role_changed', before: known, after: state });
}
