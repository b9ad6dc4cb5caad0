// Records the team changes the BFF makes: one call per action wraps the Scalekit call, notes
// beforehand that the change is the app's own (so Scalekit's webhook about it is known as an
// echo, not news), and appends one entry with the caller, source and IP once it succeeded.
import type { FastifyRequest } from 'fastify';
import type { AuditActor, AuditKind, AuditMemberState, AuditSource, Member } from '@app/contracts';
import type { Identity } from '../auth/guards.js';
import { AppError } from '../errors/app-error.js';
import type { AuditStore, ExpectedChange } from './audit-store.js';

/** How long after the app's own change a webhook about that member counts as its echo. */
export const ECHO_WINDOW_MS = 2 * 60_000;

const EXPECTED_CHANGE: Record<AuditKind, ExpectedChange | undefined> = {
  'member.invited': 'invite',
  'invitation.resent': 'resend',
  'invitation.revoked': 'remove',
  'member.removed': 'remove',
  'member.role_changed': 'role_change',
  'member.joined': undefined,
  'member.added': undefined,
  'seats.limit_changed': undefined,
  'api_key.created': undefined,
  'api_key.revoked': undefined,
  'policy.changed': undefined,
  'domain.added': undefined,
  'domain.removed': undefined,
  'request.created': undefined,
  'request.approved': undefined,
  'request.declined': undefined,
};

/** Who made a change: the signed-in person, or the API key another system called with. */
export function actorOf(identity: Identity): AuditActor {
  return identity.apiKey === undefined
    ? { type: 'user', userId: identity.userId, email: identity.email }
    : { type: 'api_key', id: identity.apiKey.id, name: identity.apiKey.name };
}

/** Every change made with an API key comes from the API, whatever route (single, CSV) it took. */
function sourceOf(identity: Identity, source: AuditSource): AuditSource {
  return identity.apiKey === undefined ? source : 'api';
}

export interface TeamChange<T> {
  kind: AuditKind;
  /** The member's email, known before the change (for an invite: the address invited). */
  email: string;
  before: AuditMemberState | null;
  /** The member after the change, read from `perform`'s result; undefined: nothing changed. */
  after: (result: T) => { userId: string; state: AuditMemberState | null } | undefined;
  source?: AuditSource;
}

export function memberState(member: Member): AuditMemberState {
  return { status: member.status, roles: member.roles };
}

/** A change to an existing member whose Scalekit call answers the member as it is after. */
export function memberChange(kind: AuditKind, member: Member): TeamChange<Member> {
  return {
    kind,
    email: member.email,
    before: memberState(member),
    after: (updated) => ({ userId: member.userId, state: memberState(updated) }),
  };
}

/** An invitation (single or a CSV row): recorded when someone new was invited, not otherwise. */
export function invitationChange(
  email: string,
  source: AuditSource,
): TeamChange<{ outcome: 'invited' | 'already_member'; member: Member }> {
  return {
    kind: 'member.invited',
    email,
    before: null,
    after: (result) =>
      result.outcome === 'invited'
        ? { userId: result.member.userId, state: memberState(result.member) }
        : undefined,
    source,
  };
}

export class TeamAudit {
  constructor(private readonly store: AuditStore) {}

  /** Runs `perform` (the change at Scalekit) on behalf of the request's caller and records it. */
  async record<T>(
    request: FastifyRequest,
    change: TeamChange<T>,
    perform: () => Promise<T>,
  ): Promise<T> {
    const identity = request.identity;
    if (identity === undefined) throw new AppError('unauthenticated', 'Sign in to continue.');
    const { organizationId } = identity;
    const expected = EXPECTED_CHANGE[change.kind];
    // Written before the change: if the database is down, the change is refused, not unrecorded.
    if (expected !== undefined) {
      await this.store.expectChange(
        organizationId,
        change.email,
        expected,
        new Date(Date.now() + ECHO_WINDOW_MS),
      );
    }
    const result = await perform();
    const after = change.after(result);
    if (after === undefined) return result;
    try {
      await this.store.append({
        organizationId,
        occurredAt: new Date(),
        kind: change.kind,
        source: sourceOf(identity, change.source ?? 'ui'),
        actor: actorOf(identity),
        ip: request.ip,
        member: { userId: after.userId, email: change.email },
        before: change.before,
        after: after.state,
      });
    } catch (error) {
      // The change happened at Scalekit and cannot be taken back: answer it, and alert loudly.
      request.log.error(
        { err: error, kind: change.kind, organizationId },
        'could not record a team change in the audit log',
      );
    }
    return result;
  }

  /** Records that the request's caller changed the organization's seat limit (made already). */
  async recordSeatLimit(
    request: FastifyRequest,
    change: { before: number | null; after: number | null },
  ): Promise<void> {
    const identity = request.identity;
    if (identity === undefined) throw new AppError('unauthenticated', 'Sign in to continue.');
    const entry = {
      organizationId: identity.organizationId,
      occurredAt: new Date(),
      kind: 'seats.limit_changed',
      source: sourceOf(identity, 'ui'),
      actor: actorOf(identity),
      ip: request.ip,
      member: { userId: null, email: null },
      before: null,
      after: null,
      seatLimit: change,
    } as const;
    try {
      await this.store.append(entry);
    } catch (error) {
      // As for member changes: the limit is set at Scalekit already; answer it, alert loudly.
      request.log.error(
        { err: error, kind: entry.kind, organizationId: identity.organizationId },
        'could not record a seat-limit change in the audit log',
      );
    }
  }
}
