// "Join" from the hosted organization picker: a person whose email is on an organization's
// allowed email domain becomes an ACTIVE member with the default member role, provisioned by
// `allowed_email_domain`, announced like any new membership.
import type Database from 'better-sqlite3';
import type { Events, Membership, Organization, OrganizationJoin, Seed, User } from '../domain.js';
import { membershipEventData, userEventData } from '../auth/event-data.js';
import type { Domains } from './domains.js';
import { failedPrecondition } from './errors.js';
import type { DirectoryStore } from './store.js';

export const ALLOWED_EMAIL_DOMAIN_PROVISIONING = 'allowed_email_domain';

export function migrateProvisioning(db: Database.Database): void {
  // How a membership came to be, for the memberships whose origin only this module knows.
  db.exec(`
    CREATE TABLE IF NOT EXISTS membership_provisioning (
      organization_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      method TEXT NOT NULL,
      PRIMARY KEY (organization_id, user_id),
      FOREIGN KEY (organization_id, user_id) REFERENCES memberships (organization_id, user_id)
        ON DELETE CASCADE
    )
  `);
}

export class DomainJoin implements OrganizationJoin {
  constructor(
    private readonly deps: {
      db: Database.Database;
      store: DirectoryStore;
      domains: Domains;
      events: Events;
      seed: Seed;
      now: () => Date;
    },
  ) {
    migrateProvisioning(deps.db);
  }

  suggestions(user: User, organizationId: string | null): Organization[] {
    return this.deps.domains
      .organizationsAllowing(user.email)
      .filter((org) => organizationId === null || org.id === organizationId)
      .filter((org) => this.deps.store.getMembership(org.id, user.id) === undefined);
  }

  join(user: User, organizationId: string): Membership {
    const { store, events } = this.deps;
    return store.transaction(() => {
      const org = this.suggestions(user, organizationId)[0];
      if (org === undefined) {
        throw failedPrecondition(`${user.email} cannot join organization ${organizationId}`);
      }
      const firstActive = !store.listMembershipsOfUser(user.id).some((m) => m.status === 'ACTIVE');
      const now = this.deps.now();
      const membership: Membership = {
        organizationId: org.id,
        userId: user.id,
        status: 'ACTIVE',
        roles: [this.defaultMemberRole()],
        metadata: {},
        inviterEmail: null,
        displayName: null,
        createdAt: now,
        acceptedAt: now,
        expiresAt: null,
        resendCount: 0,
      };
      store.saveMembership(membership);
      this.deps.db
        .prepare(
          'INSERT OR REPLACE INTO membership_provisioning (organization_id, user_id, method) VALUES (?, ?, ?)',
        )
        .run(org.id, user.id, ALLOWED_EMAIL_DOMAIN_PROVISIONING);
      // Joining proves nothing new about the address, but the person did sign in with it.
      store.markEmailVerified(user.id);
      const current = store.getUser(user.id) ?? user;
      events.emit('user.organization_membership_created', org.id, 'OrgMembership', {
        organization: { id: org.id, display_name: org.displayName, external_id: org.externalId },
        user: userEventData(current),
        membership: {
          ...membershipEventData(membership),
          provisioning_method: ALLOWED_EMAIL_DOMAIN_PROVISIONING,
        },
      });
      // The first organization a person ever enters is their sign-up, as with invitations.
      if (firstActive) events.emit('user.signup', org.id, 'User', { user: userEventData(current) });
      return membership;
    });
  }

  provisioningMethod(organizationId: string, userId: string): string | undefined {
    return this.deps.db
      .prepare<[string, string], { method: string }>(
        'SELECT method FROM membership_provisioning WHERE organization_id = ? AND user_id = ?',
      )
      .get(organizationId, userId)?.method;
  }

  private defaultMemberRole(): string {
    return this.deps.seed.defaultRole;
  }
}
