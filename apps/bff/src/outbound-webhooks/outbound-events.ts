// What an organization's endpoint is told: one event per audit entry, so every change that is
// recorded is announced (by the app, a CSV import, the API or a Scalekit webhook alike). Event
// ids derive from the entry, so announcing an entry twice is the same event.
import type { AuditEntry, AuditKind, OutboundEvent } from '@app/contracts';

/** Audit kinds announced under another name; any other kind keeps its own name. */
const EVENT_TYPE: Partial<Record<AuditKind, string>> = {
  // An active member appeared without an invitation (at Scalekit): for a receiver, they joined.
  'member.added': 'member.joined',
  // A withdrawn invitation removes the pending member; `before.status` tells the two apart.
  'invitation.revoked': 'member.removed',
};

export function eventTypeOf(kind: string): string {
  return EVENT_TYPE[kind as AuditKind] ?? kind;
}

export function auditEventId(entryId: string): string {
  return `evt_audit_${entryId}`;
}

export function eventOfAuditEntry(organizationId: string, entry: AuditEntry): OutboundEvent {
  return {
    id: auditEventId(entry.id),
    type: eventTypeOf(entry.kind),
    timestamp: entry.occurredAt,
    organizationId,
    data: {
      auditEntryId: entry.id,
      member: entry.member,
      actor: entry.actor,
      source: entry.source,
      before: entry.before,
      after: entry.after,
      ...(entry.seatLimit === undefined ? {} : { seatLimit: entry.seatLimit }),
    },
  };
}

export function testEvent(organizationId: string, eventId: string, now: Date): OutboundEvent {
  return {
    id: eventId,
    type: 'webhook.test',
    timestamp: now.toISOString(),
    organizationId,
    data: {},
  };
}
