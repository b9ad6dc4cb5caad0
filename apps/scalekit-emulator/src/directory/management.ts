// The management operations behind the gRPC API, one module per resource (organizations.ts,
// users.ts, memberships.ts, roles.ts, user-roles.ts), wired together here.
import type { EmulatorSettings, Events, Invitations, Seed, Sessions } from '../domain.js';
import { Memberships } from './memberships.js';
import { Organizations } from './organizations.js';
import { Roles } from './roles.js';
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
  roles: Roles;
  userRoles: UserRoles;
}

export function createManagement(deps: ManagementDeps): Management {
  const roles = new Roles(deps.store);
  const memberships = new Memberships(deps, roles);
  return {
    organizations: new Organizations(deps, memberships),
    users: new Users(deps, memberships),
    memberships,
    roles,
    userRoles: new UserRoles(deps.store, memberships, roles),
  };
}
