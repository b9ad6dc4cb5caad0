// Grows the emulator's directory fast for scale tests and benchmarks: users, organizations and
// memberships written straight into its SQLite file in large transactions, in the row format of
// apps/scalekit-emulator/src/directory/rows.ts (what its API would write, minus a round trip per
// row and the webhooks). Its search index follows through the tables' triggers.
import type { RunningEmulator } from '@app/scalekit-emulator';

/** Status of the n-th seeded member: 2 active : 1 pending : 1 expired. */
const STATUSES = ['ACTIVE', 'ACTIVE', 'PENDING_INVITE', 'INVITE_EXPIRED'] as const;

/** Id of the n-th user seeded with `prefix`: `usr_<prefix, letters and digits only>_<n>`. */
export function seededUserId(prefix: string, n: number): string {
  return `usr_${prefix.replace(/[^A-Za-z0-9]/g, '')}_${n}`;
}

/** Creates an organization (when missing) and returns its id. */
export function seedOrganization(emulator: RunningEmulator, id: string, name: string): string {
  const now = Date.now();
  emulator.context.db
    .prepare(
      `INSERT OR IGNORE INTO organizations (id, display_name, external_id, metadata, slug, logo_url,
         region_code, created_at, updated_at) VALUES (?, ?, NULL, '{}', NULL, NULL, 'US', ?, ?)`,
    )
    .run(id, name, now, now);
  return id;
}

/**
 * Adds `count` users `<prefix>-<n>@<domain>` (ids: seededUserId), each a member of
 * `organizationId` with the role member when one is given (else users of no organization).
 */
export function seedUsers(
  emulator: RunningEmulator,
  count: number,
  prefix: string,
  organizationId?: string,
  domain = 'scale.test',
): void {
  const db = emulator.context.db;
  const now = Date.now();
  const expires = now + 15 * 86_400_000;
  const insertUser = db.prepare(
    `INSERT INTO users (id, email, external_id, given_name, family_name, name, locale, phone_number,
       email_verified, profile_metadata, custom_attributes, metadata, created_at, updated_at,
       last_login_at, preferred_username, picture, gender, groups)
     VALUES (?, ?, NULL, ?, ?, ?, '', '', 1, '{}', '{}', '{}', ?, ?, NULL, '', '', '', '[]')`,
  );
  const insertMembership = db.prepare(
    `INSERT INTO memberships (organization_id, user_id, status, roles, metadata, inviter_email,
       display_name, created_at, accepted_at, expires_at, resend_count, provisioning_method)
     VALUES (?, ?, ?, '["member"]', '{}', NULL, NULL, ?, ?, ?, 0, NULL)`,
  );
  const BATCH = 5_000;
  for (let from = 0; from < count; from += BATCH) {
    db.transaction(() => {
      for (let n = from; n < Math.min(count, from + BATCH); n += 1) {
        const id = seededUserId(prefix, n);
        const given = `Person${n}`;
        insertUser.run(
          id,
          `${prefix}-${n}@${domain}`,
          given,
          prefix,
          `${given} ${prefix}`,
          now,
          now,
        );
        if (organizationId === undefined) continue;
        const status = STATUSES[n % STATUSES.length] ?? 'ACTIVE';
        const active = status === 'ACTIVE';
        insertMembership.run(
          organizationId,
          id,
          status,
          now,
          active ? now : null,
          active ? null : expires,
        );
      }
    })();
  }
}
