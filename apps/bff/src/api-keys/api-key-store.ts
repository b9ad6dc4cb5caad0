// The API keys area's data: an organization's keys (hashed), found by hash when a request
// presents one, revoked by an admin, and touched with the time they were last used.
import type { Kysely, Selectable } from 'kysely';
import { ApiKeyScopeSchema, type ApiKey, type ApiKeyScope } from '@app/contracts';
import type { ApiKeyTable, Database } from '../db/schema.js';
import { z } from 'zod';

export interface NewApiKey {
  id: string;
  organizationId: string;
  name: string;
  hint: string;
  secretHash: string;
  scopes: ApiKeyScope[];
  createdAt: Date;
  createdBy: { userId: string; email: string };
  expiresAt: Date | null;
}

/** A stored key with the organization it belongs to (answers never carry the hash). */
export interface StoredApiKey extends Omit<ApiKey, 'status'> {
  organizationId: string;
}

export interface ApiKeyStore {
  create(key: NewApiKey): Promise<StoredApiKey>;
  /** One organization's keys, newest first. */
  list(organizationId: string): Promise<StoredApiKey[]>;
  findByHash(secretHash: string): Promise<StoredApiKey | undefined>;
  /** Revokes a key of the organization; undefined when it has no such key. Revoking twice keeps the first time. */
  revoke(organizationId: string, id: string, at: Date): Promise<StoredApiKey | undefined>;
  touchLastUsed(id: string, at: Date): Promise<void>;
}

const ScopesSchema = z.array(ApiKeyScopeSchema);

function toKey(row: Selectable<ApiKeyTable>): StoredApiKey {
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    hint: row.hint,
    scopes: ScopesSchema.parse(JSON.parse(row.scopes)),
    createdAt: row.created_at,
    createdBy: { userId: row.created_by_user_id, email: row.created_by_email },
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** The one implementation, on Kysely: the same queries run on SQLite and PostgreSQL. */
export class SqlApiKeyStore implements ApiKeyStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(key: NewApiKey): Promise<StoredApiKey> {
    const row = await this.db
      .insertInto('api_keys')
      .values({
        id: key.id,
        organization_id: key.organizationId,
        name: key.name,
        hint: key.hint,
        secret_hash: key.secretHash,
        scopes: JSON.stringify(key.scopes),
        created_at: key.createdAt.toISOString(),
        created_by_user_id: key.createdBy.userId,
        created_by_email: key.createdBy.email,
        expires_at: key.expiresAt?.toISOString() ?? null,
        last_used_at: null,
        revoked_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toKey(row);
  }

  async list(organizationId: string): Promise<StoredApiKey[]> {
    const rows = await this.db
      .selectFrom('api_keys')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toKey);
  }

  async findByHash(secretHash: string): Promise<StoredApiKey | undefined> {
    const row = await this.db
      .selectFrom('api_keys')
      .selectAll()
      .where('secret_hash', '=', secretHash)
      .executeTakeFirst();
    return row === undefined ? undefined : toKey(row);
  }

  async revoke(organizationId: string, id: string, at: Date): Promise<StoredApiKey | undefined> {
    await this.db
      .updateTable('api_keys')
      .set({ revoked_at: at.toISOString() })
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
    const row = await this.db
      .selectFrom('api_keys')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : toKey(row);
  }

  async touchLastUsed(id: string, at: Date): Promise<void> {
    await this.db
      .updateTable('api_keys')
      .set({ last_used_at: at.toISOString() })
      .where('id', '=', id)
      .execute();
  }
}
