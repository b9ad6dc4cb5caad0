// The policies area's service: reads and changes an organization's invitation policy (the change
// and its audit entry in one database transaction), manages its allowed email domains at Scalekit
// (each change recorded once Scalekit made it), and judges an address against both for the single
// invite, each CSV row and the Scalekit interceptor.
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type {
  AllowedDomain,
  AuditKind,
  InvitationPolicy,
  InvitationPolicyResponse,
} from '@app/contracts';
import { SqlAuditStore, type NewAuditEntry } from '../audit/audit-store.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../errors/app-error.js';
import type { ScalekitGateway } from '../team/scalekit-types.js';
import { addAllowedDomain, listAllowedDomains, removeAllowedDomain } from './allowed-domains.js';
import {
  ANYONE,
  judgeInvitation,
  type InvitationRule,
  type InvitationVerdict,
} from './invitation-rule.js';
import { SqlPolicyStore, type StoredPolicy } from './policy-store.js';

/** The admin making a change, as the audit log names them. */
export interface SettingsActor {
  organizationId: string;
  userId: string;
  email: string;
  ip: string | null;
}

function samePolicy(a: InvitationPolicy, b: InvitationPolicy): boolean {
  return (
    a.mode === b.mode &&
    a.exceptions.length === b.exceptions.length &&
    a.exceptions.every((address, index) => address === b.exceptions[index])
  );
}

function responseOf(stored: StoredPolicy | undefined): InvitationPolicyResponse {
  return stored === undefined
    ? { policy: ANYONE, updatedAt: null, updatedBy: null }
    : { policy: stored.policy, updatedAt: stored.updatedAt, updatedBy: stored.updatedBy };
}

function entryBy(
  actor: SettingsActor,
  kind: AuditKind,
  change: Pick<NewAuditEntry, 'policy' | 'domain'>,
): NewAuditEntry {
  return {
    organizationId: actor.organizationId,
    occurredAt: new Date(),
    kind,
    source: 'ui',
    actor: { type: 'user', userId: actor.userId, email: actor.email },
    ip: actor.ip,
    member: { userId: null, email: null },
    before: null,
    after: null,
    ...change,
  };
}

export class InvitationPolicies {
  constructor(private readonly deps: { db: Kysely<Database>; gateway: ScalekitGateway }) {}

  async read(organizationId: string): Promise<InvitationPolicyResponse> {
    return responseOf(await new SqlPolicyStore(this.deps.db).get(organizationId));
  }

  /** Replaces the policy; a change is written with its audit entry, or neither is. */
  async change(
    actor: SettingsActor,
    next: { mode: InvitationPolicy['mode']; exceptions: readonly string[] },
  ): Promise<InvitationPolicyResponse> {
    const policy: InvitationPolicy = {
      mode: next.mode,
      exceptions: [...new Set(next.exceptions.map((address) => address.toLowerCase()))].sort(),
    };
    return this.deps.db.transaction().execute(async (trx) => {
      const store = new SqlPolicyStore(trx);
      const before = await store.get(actor.organizationId);
      if (samePolicy(before?.policy ?? ANYONE, policy)) return responseOf(before);
      const stored = { policy, updatedAt: new Date().toISOString(), updatedBy: actor.email };
      await store.put(actor.organizationId, stored);
      await new SqlAuditStore(trx).append(
        entryBy(actor, 'policy.changed', {
          policy: { before: before?.policy ?? null, after: policy },
        }),
      );
      return responseOf(stored);
    });
  }

  listDomains(organizationId: string): Promise<AllowedDomain[]> {
    return listAllowedDomains(this.deps.gateway, organizationId);
  }

  async addDomain(
    actor: SettingsActor,
    domain: string,
    log: FastifyBaseLogger,
  ): Promise<AllowedDomain> {
    const added = await addAllowedDomain(this.deps.gateway, actor.organizationId, domain);
    await this.recordDomain(actor, 'domain.added', added.domain, log);
    return added;
  }

  async removeDomain(
    actor: SettingsActor,
    domainId: string,
    log: FastifyBaseLogger,
  ): Promise<AllowedDomain> {
    const removed = await removeAllowedDomain(this.deps.gateway, actor.organizationId, domainId);
    await this.recordDomain(actor, 'domain.removed', removed.domain, log);
    return removed;
  }

  /** The organization's policy with its allowed domains (read from Scalekit only when needed). */
  async ruleFor(organizationId: string): Promise<InvitationRule> {
    const { policy } = await this.read(organizationId);
    if (policy.mode === 'anyone') return { policy, allowedDomains: new Set() };
    const domains = await this.listDomains(organizationId);
    return { policy, allowedDomains: new Set(domains.map((entry) => entry.domain)) };
  }

  async judge(organizationId: string, email: string): Promise<InvitationVerdict> {
    return judgeInvitation(await this.ruleFor(organizationId), email);
  }

  /** Refuses with 422 `domain_not_allowed` an address the organization's policy does not admit. */
  async assertAllowed(organizationId: string, email: string): Promise<void> {
    const verdict = await this.judge(organizationId, email);
    if (!verdict.allowed) throw new AppError('domain_not_allowed', verdict.message);
  }

  private async recordDomain(
    actor: SettingsActor,
    kind: AuditKind,
    domain: string,
    log: FastifyBaseLogger,
  ): Promise<void> {
    try {
      await new SqlAuditStore(this.deps.db).append(entryBy(actor, kind, { domain }));
    } catch (error) {
      // The domain changed at Scalekit already and cannot be taken back: answer it, alert loudly.
      log.error(
        { err: error, kind, organizationId: actor.organizationId },
        'could not record an allowed-domain change in the audit log',
      );
    }
  }
}
