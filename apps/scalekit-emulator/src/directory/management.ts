// The management operations behind the gRPC API, one module per resource (organizations.ts,
// users.ts, memberships.ts, search.ts, seat-limits.ts, organization-settings.ts,
// session-policy.ts, roles.ts, permissions.ts, user-roles.ts), wired together here.
import type { EmulatorSettings, Events, Invitations, Seed, Sessions } from '../domain.js';
import { Memberships } from './memberships.js';
import { OrganizationSettings } from './organization-settings.js';
import { Organizations } from './organizations.js';
import { Permissions } from './permissions.js';
import { Roles } from './roles.js';
import { Search } from './search.js';
import { SeatLimits } from './seat-limits.js';
import { SessionPolicies } from './session-policy.js';
import type { DirectoryStore } from './store.js';
import { UserRoles } from './user-roles.js';
import { Users } from './users.js';

export interface ManagementDeps {
  store: DirectoryStore;
  invitations: Invitations;
  sessions: Sessions;
  events: Events;
  settings: EmulatorSettings;
  seed: Seed;
  now: () => Date;
}

export interface Management {
  organizations: Organizations;
  users: Users;
  memberships: Memberships;
  search: Search;
  seatLimits: SeatLimits;
  organizationSettings: OrganizationSettings;
  sessionPolicies: SessionPolicies;
  roles: Roles;
  permissions: Permissions;
  userRoles: UserRoles;
}

export function createManagement(deps: ManagementDeps): Management {
  const roles = new Roles(deps);
  const memberships = new Memberships(deps, roles);
  const organizations = new Organizations(deps, memberships);
  return {
    organizations,
    users: new Users(deps, memberships),
    memberships,
    search: new Search(deps.store, deps.now),
    seatLimits: new SeatLimits(deps.store),
    organizationSettings: new OrganizationSettings(organizations),
    sessionPolicies: new SessionPolicies(deps.store, deps.settings),
    roles,
    permissions: new Permissions(deps),
    userRoles: new UserRoles(deps.store, memberships, roles),
  };
}
