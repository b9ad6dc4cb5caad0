// Writes a large directory into a data directory before the emulator starts on it: one
// organization of MEMBERS members among TOTAL users, through the store in batched
// transactions (the search indexes follow through their triggers, as at run time).
import { applySeedOnce } from '../src/directory/apply-seed.js';
import { DirectoryStore } from '../src/directory/store.js';
import { buildProfile } from '../src/directory/users.js';
import type { Seed } from '../src/domain.js';
import { openDatabase } from '../src/store/database.js';
import { migrateMeta } from '../src/store/meta.js';

export const LARGE_ORG_ID = 'org_benchtenthousand';
const BULK_ORG_ID = 'org_benchbulk';
const BATCH = 5_000;

/** The email of member i of the large organization, e.g. m004321@tenk.bench.test. */
export function memberEmail(i: number): string {
  return `m${String(i).padStart(6, '0')}@tenk.bench.test`;
}

export function seedLargeDirectory(
  dataDir: string,
  seed: Seed,
  members: number,
  total: number,
): void {
  const db = openDatabase({ dataDir });
  try {
    migrateMeta(db);
    const now = new Date();
    const store = new DirectoryStore(db, () => now);
    applySeedOnce(db, store, seed, now, 15 * 24 * 3600);
    for (const [id, displayName] of [
      [LARGE_ORG_ID, 'Ten Thousand'],
      [BULK_ORG_ID, 'Everyone Else'],
    ] as const) {
      store.saveOrganization({
        id,
        displayName,
        externalId: null,
        metadata: {},
        slug: null,
        logoUrl: null,
        regionCode: 'US',
        createdAt: now,
        updatedAt: now,
      });
    }
    for (let start = 0; start < total; start += BATCH) {
      store.transaction(() => {
        for (let i = start; i < Math.min(total, start + BATCH); i++) {
          const inLarge = i < members;
          const id = `usr_bench${String(i).padStart(10, '0')}`;
          store.saveUser({
            id,
            email: inLarge ? memberEmail(i) : `b${String(i).padStart(6, '0')}@bulk.bench.test`,
            externalId: `crm-${i}`,
            profile: {
              ...buildProfile({ givenName: 'Bench', familyName: String(i) }),
              emailVerified: true,
            },
            metadata: {},
            createdAt: now,
            updatedAt: now,
            lastLoginAt: null,
          });
          store.saveMembership({
            organizationId: inLarge ? LARGE_ORG_ID : BULK_ORG_ID,
            userId: id,
            status: 'ACTIVE',
            roles: ['member'],
            metadata: {},
            inviterEmail: null,
            displayName: null,
            createdAt: now,
            acceptedAt: now,
            expiresAt: null,
            resendCount: 0,
            provisioningMethod: 'direct_provision',
          });
        }
      });
    }
  } finally {
    db.close();
  }
}
