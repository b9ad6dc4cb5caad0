// The policies area's data: each organization's invitation policy, read and replaced whole.
// Routes never touch it; the policy service does, inside the transaction that also writes the
// audit entry of the change.
import type { Kysely } from 'kysely';
import { InvitationPolicyModeSchema, type InvitationPolicy } from '@app/contracts';
import type { Database } from '../db/schema.js';

export interface StoredPolicy {
  policy: InvitationPolicy;
  updatedAt: string;
  updatedBy: string;
}

export interface PolicyStore {
  /** The organization's policy; undefined while it has never been changed (`anyone`). */
  get(organizationId: string): Promise<StoredPolicy | undefined>;
  /** Replaces the organization's policy. */
  put(organizationId: string, stored: StoredPolicy): Promise<void>;
}

function exceptionsOf(json: string): string[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((item) => typeof item === 'string') : [];
}

/** The one implementation, on Kysely: the same queries run on SQLite and PostgreSQL. */
export class SqlPolicyStore implements PolicyStore {
  constructor(private readonly db: Kysely<Database>) {}

  async get(organizationId: string): Promise<StoredPolicy | undefined> {
    const row = await this.db
      .selectFrom('invitation_policies')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    return {
      policy: {
        mode: InvitationPolicyModeSchema.parse(row.mode),
        exceptions: exceptionsOf(row.exceptions),
      },
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
    };
  }

  async put(organizationId: string, stored: StoredPolicy): Promise<void> {
    const values = {
      mode: stored.policy.mode,
      exceptions: JSON.stringify(stored.policy.exceptions),
      updated_at: stored.updatedAt,
      updated_by: stored.updatedBy,
    };
    await this.db
      .insertInto('invitation_policies')
      .values({ organization_id: organizationId, ...values })
      .onConflict((conflict) => conflict.column('organization_id').doUpdateSet(values))
      .execute();
  }
}
