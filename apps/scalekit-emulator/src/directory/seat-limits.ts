// Seat limits (Scalekit's "user management settings"): an organization's max_allowed_users.
// Unset means the feature is off and 0 means no limit; both read back as set. ACTIVE members
// and live invitations take a seat, expired invitations do not. Adding a member, inviting, or
// renewing an expired invitation past the limit is refused and nothing is created or sent.
import { failedPrecondition, invalidArgument } from './errors.js';
import { requireOrganization } from './lookups.js';
import type { OrganizationSettingsStore } from './organization-settings-store.js';
import type { DirectoryStore } from './store.js';

/**
 * Throws FailedPrecondition `organization user limit reached (<n>/<max>)` when the organization
 * has a positive limit and its seats are all taken. Call it inside the transaction that then
 * creates the membership, before anything is written or sent.
 */
export function assertSeatAvailable(
  settings: OrganizationSettingsStore,
  organizationId: string,
  now: Date,
): void {
  const max = settings.maxAllowedUsers(organizationId);
  if (max === null || max === 0) return;
  const used = settings.countSeats(organizationId, now.getTime());
  if (used >= max) throw failedPrecondition(`organization user limit reached (${used}/${max})`);
}

export interface UserManagementSettings {
  maxAllowedUsers: number | null; // null: never set, or cleared
}

export class SeatLimits {
  constructor(private readonly store: DirectoryStore) {}

  get(organizationId: string): UserManagementSettings {
    const org = requireOrganization(this.store, { id: organizationId });
    return { maxAllowedUsers: this.store.organizationSettings.maxAllowedUsers(org.id) };
  }

  /** An absent limit clears the setting (the SDK sends nothing for null / undefined). */
  upsert(organizationId: string, maxAllowedUsers: number | undefined): UserManagementSettings {
    if (maxAllowedUsers !== undefined && maxAllowedUsers < 0) {
      throw invalidArgument('settings.max_allowed_users must be 0 (no limit) or more');
    }
    return this.store.transaction(() => {
      const org = requireOrganization(this.store, { id: organizationId });
      this.store.organizationSettings.saveMaxAllowedUsers(org.id, maxAllowedUsers ?? null);
      return { maxAllowedUsers: maxAllowedUsers ?? null };
    });
  }
}
