// Writes the seed's organizations, users and memberships into an empty store. Runs on the first
// start of a data directory only; later starts keep whatever the directory holds by then.
import type Database from 'better-sqlite3';
import type { Membership, Seed, User } from '../domain.js';
import { readMeta, writeMeta } from '../store/meta.js';
import { newId } from './ids.js';
import type { DirectoryStore } from './store.js';
import { buildProfile } from './users.js';

const SEEDED_KEY = 'directory_seeded_at';

/** Returns true when the seed was applied now, false when this store was seeded before. */
export function applySeedOnce(
  db: Database.Database,
  store: DirectoryStore,
  seed: Seed,
  now: Date,
  inviteTtlSeconds: number,
): boolean {
  return store.transaction(() => {
    if (readMeta(db, SEEDED_KEY) !== undefined) return false;
    for (const seedOrg of seed.organizations) {
      store.saveOrganization({
        id: seedOrg.id,
        displayName: seedOrg.displayName,
        externalId: seedOrg.externalId ?? null,
        metadata: {},
        slug: null,
        logoUrl: null,
        regionCode: 'US',
        createdAt: now,
        updatedAt: now,
      });
      if (seedOrg.maxAllowedUsers !== undefined)
        store.organizationSettings.saveMaxAllowedUsers(seedOrg.id, seedOrg.maxAllowedUsers);
      seedOrg.users.forEach((seedUser, index) => {
        const status = seedUser.status ?? 'ACTIVE';
        const active = status === 'ACTIVE';
        const user = store.findUserByEmail(seedUser.email) ?? newUser(seedUser, now);
        if (active) user.profile.emailVerified = true;
        store.saveUser(user);
        const membership: Membership = {
          organizationId: seedOrg.id,
          userId: user.id,
          status,
          roles: seedUser.roles ?? [
            index === 0 ? seed.firstMemberRole : (seedOrg.defaultMemberRole ?? seed.defaultRole),
          ],
          metadata: {},
          inviterEmail: null,
          displayName: null,
          createdAt: now,
          acceptedAt: active ? now : null,
          expiresAt:
            status === 'PENDING_INVITE' ? new Date(now.getTime() + inviteTtlSeconds * 1000) : null,
          resendCount: 0,
        };
        store.saveMembership(membership);
      });
    }
    writeMeta(db, SEEDED_KEY, now.toISOString());
    return true;
  });
}

function newUser(seedUser: Seed['organizations'][number]['users'][number], now: Date): User {
  return {
    id: seedUser.id ?? newId('usr'),
    email: seedUser.email.trim().toLowerCase(),
    externalId: null,
    profile: buildProfile({ givenName: seedUser.givenName, familyName: seedUser.familyName }),
    metadata: {},
    createdAt: now,
    updatedAt: now,
    lastLoginAt: null,
  };
}
