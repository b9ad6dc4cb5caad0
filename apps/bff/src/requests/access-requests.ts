// The approval inbox's rules: filing a request (a member's proposal, a join request, a CSV row
// held back by the seat limit), and an admin's decision on it. Nothing is sent before approval;
// a decision claims the request first, so a second decision finds it taken: the same decision
// again answers the request as it is, a different one is refused (`request_already_decided`).
// Approval invites through Scalekit, which refuses a seat past the limit (`seat_limit_reached`)
// and the request stays pending. Every filing and decision is recorded in the audit log.
import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { AccessRequestKind, AuditActor, AuditKind } from '@app/contracts';
import type { AuditStore } from '../audit/audit-store.js';
import { invitationChange, type TeamAudit } from '../audit/team-audit.js';
import { AppError } from '../errors/app-error.js';
import type { Mailer } from '../mail/mailer.js';
import type { MemberIndex } from '../member-index/member-index.js';
import { seatLimitRefusal } from '../seats/seat-limit.js';
import { readSeatUsage, seatLimitReached } from '../seats/seat-usage.js';
import { inviteMember } from '../team/invite-member.js';
import { assertKnownRole, listRoles } from '../team/roles.js';
import type { ScalekitGateway } from '../team/scalekit-types.js';
import { requestDeclinedMail } from './request-mail.js';
import type { Decision, NewAccessRequest, RequestStore, StoredRequest } from './request-store.js';

/** How long one decision may hold a request before another may take it over. */
export const DECISION_CLAIM_MS = 60_000;

export function newRequestId(): string {
  return `req_${randomBytes(18).toString('base64url')}`;
}

export interface AccessRequestsDeps {
  store: RequestStore;
  auditStore: AuditStore;
  teamAudit: TeamAudit;
  gateway: ScalekitGateway;
  index: MemberIndex;
  mailer: Mailer;
}

export interface Filing {
  organizationId: string;
  organizationName: string;
  kind: AccessRequestKind;
  email: string;
  givenName?: string | undefined;
  familyName?: string | undefined;
  suggestedRole?: string | undefined;
  note?: string | undefined;
  /** For a CSV row held back: its external id and metadata, used when the invitation goes out. */
  externalId?: string | undefined;
  metadata?: Record<string, string> | undefined;
  /** Who filed it: a signed-in member or admin, or the person themself (a join request). */
  by: { userId: string; email: string } | { requester: string };
  ip: string | null;
}

function notFound(): AppError {
  return new AppError('not_found', 'No such request.');
}

export class AccessRequests {
  constructor(private readonly deps: AccessRequestsDeps) {}

  private async audit(
    kind: AuditKind,
    request: StoredRequest,
    actor: AuditActor,
    ip: string | null,
  ): Promise<void> {
    await this.deps.auditStore.append({
      organizationId: request.organizationId,
      occurredAt: new Date(),
      kind,
      source: 'ui',
      actor,
      ip,
      member: { userId: null, email: request.email },
      before: null,
      after: null,
      request: {
        id: request.id,
        kind: request.kind,
        role: request.role ?? request.suggestedRole,
        reason: request.declineReason,
      },
    });
  }

  /** Files a request; a person with an open request in the organization keeps that one. */
  async file(filing: Filing): Promise<{ request: StoredRequest; created: boolean }> {
    const by = filing.by;
    const input: NewAccessRequest = {
      id: newRequestId(),
      organizationId: filing.organizationId,
      organizationName: filing.organizationName,
      kind: filing.kind,
      email: filing.email,
      givenName: filing.givenName ?? '',
      familyName: filing.familyName ?? '',
      suggestedRole: filing.suggestedRole ?? null,
      note: filing.note ?? '',
      requestedByUserId: 'userId' in by ? by.userId : null,
      requestedByEmail: 'userId' in by ? by.email : by.requester,
      createdAt: new Date(),
      externalId: filing.externalId,
      metadata: filing.metadata,
    };
    const result = await this.deps.store.create(input);
    if (result.created) {
      const actor: AuditActor =
        'userId' in by
          ? { type: 'user', userId: by.userId, email: by.email }
          : { type: 'requester', email: by.requester };
      await this.audit('request.created', result.request, actor, filing.ip);
    }
    return result;
  }

  /**
   * One admin's decision. `http` is the admin's request: the caller, IP and the audit entry of
   * the invitation come from it.
   */
  async decide(
    http: FastifyRequest,
    organizationId: string,
    requestId: string,
    decision: Decision,
  ): Promise<StoredRequest> {
    const { store } = this.deps;
    const identity = http.identity;
    if (identity === undefined) throw new AppError('unauthenticated', 'Sign in to continue.');
    const existing = await store.get(organizationId, requestId);
    if (existing === undefined) throw notFound();
    if (decision.decision === 'approve') {
      assertKnownRole(await listRoles(this.deps.gateway, organizationId), decision.role);
    }
    const now = new Date();
    if (
      !(await store.claim(
        organizationId,
        requestId,
        now,
        new Date(now.getTime() + DECISION_CLAIM_MS),
      ))
    ) {
      return this.alreadyDecided(organizationId, requestId, decision);
    }
    const by = { userId: identity.userId, email: identity.email };
    try {
      if (decision.decision === 'approve') await this.invite(http, existing, decision.role);
    } catch (error) {
      await store.release(organizationId, requestId);
      throw error;
    }
    const decided = await store.finish(organizationId, requestId, decision, by, new Date());
    if (decided === undefined) throw notFound();
    const actor: AuditActor = { type: 'user', ...by };
    await this.audit(
      decision.decision === 'approve' ? 'request.approved' : 'request.declined',
      decided,
      actor,
      http.ip,
    );
    if (decision.decision === 'decline') await this.tellDeclined(http, decided, decision.reason);
    return decided;
  }

  /** A request someone else took: harmless when it was the same decision, else refused. */
  private async alreadyDecided(
    organizationId: string,
    requestId: string,
    decision: Decision,
  ): Promise<StoredRequest> {
    const current = await this.deps.store.get(organizationId, requestId);
    if (current === undefined) throw notFound();
    const same =
      (decision.decision === 'approve' && current.status === 'approved') ||
      (decision.decision === 'decline' && current.status === 'declined');
    if (same) return current;
    throw new AppError(
      'request_already_decided',
      current.deciding
        ? 'Another admin is deciding this request right now.'
        : `This request was ${current.status} already.`,
    );
  }

  private async invite(http: FastifyRequest, request: StoredRequest, role: string): Promise<void> {
    const { gateway, index, teamAudit } = this.deps;
    const { organizationId } = request;
    const inviterEmail = http.identity?.email ?? '';
    const result = await teamAudit
      .record(http, invitationChange(request.email, 'ui'), () =>
        inviteMember(gateway, {
          organizationId,
          inviterEmail,
          email: request.email,
          givenName: request.givenName === '' ? undefined : request.givenName,
          familyName: request.familyName === '' ? undefined : request.familyName,
          role,
          ...(request.externalId === null ? {} : { externalId: request.externalId }),
          ...(Object.keys(request.metadata).length === 0 ? {} : { metadata: request.metadata }),
        }),
      )
      .catch(async (error: unknown) => {
        if (seatLimitRefusal(error) === undefined) throw error;
        throw seatLimitReached(await readSeatUsage(gateway, index, organizationId), error);
      });
    // Someone already in the organization: approving sends nothing more, and is still harmless.
    await index.recordMember(organizationId, result.member);
  }

  private async tellDeclined(
    http: FastifyRequest,
    request: StoredRequest,
    reason: string,
  ): Promise<void> {
    if (!this.deps.mailer.available) return;
    const mail = requestDeclinedMail(
      request.requestedBy,
      {
        email: request.email,
        organizationName: request.organizationName,
        ownRequest: request.kind === 'join',
      },
      reason,
    );
    try {
      await this.deps.mailer.send(mail);
    } catch (error) {
      // The decision stands; the requester still sees it on their status page or in the inbox.
      http.log.warn({ err: error, requestId: request.id }, 'could not email a declined request');
    }
  }
}
