// The API keys area: admins create, list and revoke their organization's keys (each creation and
// revocation recorded in the audit log in the same transaction), and a request's Bearer key is
// resolved to the identity it acts as.
import type { Kysely } from 'kysely';
import type { ApiKey, ApiKeyStatus, CreateApiKeyBody, CreateApiKeyResponse } from '@app/contracts';
import { SqlAuditStore } from '../audit/audit-store.js';
import { actorOf } from '../audit/team-audit.js';
import type { Identity } from '../auth/guards.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../errors/app-error.js';
import { hashApiKey, newApiKeyId, newApiKeySecret } from './api-key-secret.js';
import { SqlApiKeyStore, type StoredApiKey } from './api-key-store.js';

/** Last-used times are written at most this often per key, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export function statusOf(key: StoredApiKey, now: Date): ApiKeyStatus {
  if (key.revokedAt !== null) return 'revoked';
  if (key.expiresAt !== null && Date.parse(key.expiresAt) <= now.getTime()) return 'expired';
  return 'active';
}

function answerOf(key: StoredApiKey, now: Date): ApiKey {
  const { organizationId: _organizationId, ...rest } = key;
  return { ...rest, status: statusOf(key, now) };
}

/** Who a request made with the key acts as: an admin of its organization, within its scopes. */
function identityOfKey(key: StoredApiKey): Identity {
  return {
    userId: key.id,
    organizationId: key.organizationId,
    // Shown as the invitation's "invited by" and in Scalekit's metadata.
    email: `${key.name} (API key)`,
    name: key.name,
    roles: [],
    permissions: [],
    isAdmin: true,
    apiKey: { id: key.id, name: key.name, scopes: key.scopes },
  };
}

export interface AuditContext {
  identity: Identity;
  ip: string;
}

export class ApiKeys {
  private readonly keys: SqlApiKeyStore;

  constructor(private readonly db: Kysely<Database>) {
    this.keys = new SqlApiKeyStore(db);
  }

  async list(organizationId: string, now = new Date()): Promise<ApiKey[]> {
    return (await this.keys.list(organizationId)).map((key) => answerOf(key, now));
  }

  async create(context: AuditContext, body: CreateApiKeyBody): Promise<CreateApiKeyResponse> {
    const now = new Date();
    const expiresAt = body.expiresAt == null ? null : new Date(body.expiresAt);
    if (expiresAt !== null && expiresAt.getTime() <= now.getTime()) {
      throw new AppError('validation_failed', 'Some fields are invalid.', {
        issues: [{ path: 'expiresAt', message: 'Must be in the future' }],
      });
    }
    const { identity } = context;
    const made = newApiKeySecret();
    const key = await this.db.transaction().execute(async (trx) => {
      const created = await new SqlApiKeyStore(trx).create({
        id: newApiKeyId(),
        organizationId: identity.organizationId,
        name: body.name,
        hint: made.hint,
        secretHash: made.hash,
        scopes: body.scopes,
        createdAt: now,
        createdBy: { userId: identity.userId, email: identity.email },
        expiresAt,
      });
      await this.audit(trx, context, 'api_key.created', created, now);
      return created;
    });
    return { apiKey: answerOf(key, now), secret: made.secret };
  }

  async revoke(context: AuditContext, keyId: string): Promise<ApiKey> {
    const now = new Date();
    const { organizationId } = context.identity;
    const key = await this.db.transaction().execute(async (trx) => {
      const store = new SqlApiKeyStore(trx);
      const revoked = await store.revoke(organizationId, keyId, now);
      if (revoked === undefined) throw new AppError('not_found', 'No such API key.');
      // Revoking a revoked key changes nothing and records nothing.
      if (revoked.revokedAt === now.toISOString()) {
        await this.audit(trx, context, 'api_key.revoked', revoked, now);
      }
      return revoked;
    });
    return answerOf(key, now);
  }

  /**
   * The identity a presented key acts as; 401 `invalid_api_key` when it is unknown, expired or
   * revoked (one answer for all three, so a caller learns nothing about other keys).
   */
  async authenticate(secret: string, now = new Date()): Promise<Identity> {
    const key = await this.keys.findByHash(hashApiKey(secret));
    if (key === undefined || statusOf(key, now) !== 'active') {
      throw new AppError('invalid_api_key', 'The API key is not valid.');
    }
    const lastUsed = key.lastUsedAt === null ? 0 : Date.parse(key.lastUsedAt);
    if (now.getTime() - lastUsed >= LAST_USED_RESOLUTION_MS) {
      await this.keys.touchLastUsed(key.id, now);
    }
    return identityOfKey(key);
  }

  private async audit(
    trx: Kysely<Database>,
    context: AuditContext,
    kind: 'api_key.created' | 'api_key.revoked',
    key: StoredApiKey,
    now: Date,
  ): Promise<void> {
    await new SqlAuditStore(trx).append({
      organizationId: key.organizationId,
      occurredAt: now,
      kind,
      source: 'ui',
      actor: actorOf(context.identity),
      ip: context.ip,
      member: { userId: null, email: null },
      before: null,
      after: null,
      apiKey: { id: key.id, name: key.name, scopes: key.scopes },
    });
  }
}
