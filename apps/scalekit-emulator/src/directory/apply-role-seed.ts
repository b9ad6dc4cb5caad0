// Writes the seed's permissions, roles and default roles into the store, once per data
// directory (a store made before roles were stored gets them on its next start).
import type Database from 'better-sqlite3';
import type { RoleDefinition, Seed } from '../domain.js';
import { readMeta, writeMeta } from '../store/meta.js';
import { newId } from './ids.js';
import type { RoleStore } from './role-store.js';
import { SCALEKIT_GRANTS } from './roles-schema.js';
import type { DirectoryStore } from './store.js';

const ROLES_SEEDED_KEY = 'roles_seeded_at';

/** Returns true when the seed's roles were written now, false when this store had them already. */
export function applyRoleSeedOnce(
  db: Database.Database,
  directory: DirectoryStore,
  seed: Seed,
  now: Date,
): boolean {
  const roles = directory.roles;
  return directory.transaction(() => {
    if (readMeta(db, ROLES_SEEDED_KEY) !== undefined) return false;
    const described = new Map(seed.permissions.map((p) => [p.name, p.description]));
    const named = [...seed.roles, ...seed.organizations.flatMap((org) => org.roles)].flatMap(
      (role) => role.permissions,
    );
    for (const name of new Set([...described.keys(), ...named])) {
      if (roles.getPermission(name) !== undefined) continue; // one of Scalekit's own
      roles.savePermission({
        id: newId('perm'),
        name,
        description: described.get(name) ?? '',
        scalekit: false,
        createdAt: now,
        updatedAt: now,
      });
    }
    for (const role of seed.roles) {
      saveSeedRole(
        roles,
        null,
        role,
        [...role.permissions, ...(SCALEKIT_GRANTS[role.name] ?? [])],
        now,
      );
    }
    roles.setEnvironmentDefaults({ creator: seed.firstMemberRole, member: seed.defaultRole });
    for (const org of seed.organizations) {
      // An organization deleted since the directory was seeded gets nothing.
      if (directory.getOrganization(org.id) === undefined) continue;
      for (const role of org.roles) saveSeedRole(roles, org.id, role, role.permissions, now);
      if (org.defaultMemberRole !== undefined)
        roles.setOrganizationDefaultMember(org.id, org.defaultMemberRole);
    }
    writeMeta(db, ROLES_SEEDED_KEY, now.toISOString());
    return true;
  });
}

function saveSeedRole(
  roles: RoleStore,
  organizationId: string | null,
  role: RoleDefinition,
  permissions: string[],
  now: Date,
): void {
  const id = newId('role');
  roles.saveRole({
    id,
    organizationId,
    name: role.name,
    displayName: role.displayName,
    description: role.description,
    extends: role.extends ?? null,
    createdAt: now,
    updatedAt: now,
  });
  roles.linkPermissions(id, permissions);
}
