// The tables of roles and permissions. Environment roles have no organization; organization roles
// belong to one and go with it. Scalekit's own `sk_org_*` permissions exist in every store.
import type Database from 'better-sqlite3';

/** Scalekit's predefined permissions (hosted widgets), present in every environment. */
export const SCALEKIT_PERMISSIONS: readonly { name: string; description: string }[] = [
  { name: 'sk_org_settings_read', description: 'View organization settings' },
  { name: 'sk_org_settings_manage', description: 'Change organization settings' },
  { name: 'sk_org_users_read', description: 'View organization members' },
  { name: 'sk_org_users_invite', description: 'Invite members to the organization' },
  { name: 'sk_org_users_delete', description: 'Remove members from the organization' },
  { name: 'sk_org_users_role_change', description: "Change members' roles" },
  { name: 'sk_org_sso_read', description: 'View SSO connections' },
  { name: 'sk_org_sso_manage', description: 'Manage SSO connections' },
  { name: 'sk_org_scim_read', description: 'View directory sync' },
  { name: 'sk_org_scim_manage', description: 'Manage directory sync' },
  { name: 'sk_org_session_policy_read', description: 'View the session policy' },
  { name: 'sk_org_session_policy_manage', description: 'Change the session policy' },
];

/** What Scalekit grants its default roles: `admin` all of its own permissions, `member` the read ones. */
export const SCALEKIT_GRANTS: Readonly<Record<string, readonly string[]>> = {
  admin: SCALEKIT_PERMISSIONS.map((permission) => permission.name),
  member: ['sk_org_settings_read', 'sk_org_users_read'],
};

export function migrateRoles(db: Database.Database, now: Date): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS roles (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      organization_id TEXT REFERENCES organizations(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      display_name TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      base TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE UNIQUE INDEX IF NOT EXISTS roles_by_scope_and_name ON roles (ifnull(organization_id, ''), name);
    CREATE INDEX IF NOT EXISTS roles_by_base ON roles (base);
    CREATE TABLE IF NOT EXISTS permissions (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL UNIQUE,
      description TEXT NOT NULL DEFAULT '',
      scalekit INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS role_permissions (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      role_id TEXT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
      permission_name TEXT NOT NULL REFERENCES permissions(name),
      UNIQUE (role_id, permission_name)
    );
    CREATE INDEX IF NOT EXISTS role_permissions_by_permission ON role_permissions (permission_name);
    CREATE TABLE IF NOT EXISTS organization_default_roles (
      organization_id TEXT PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
      member_role TEXT NOT NULL
    );
  `);
  const insert = db.prepare(
    `INSERT OR IGNORE INTO permissions (id, name, description, scalekit, created_at, updated_at)
       VALUES (?, ?, ?, 1, ?, ?)`,
  );
  // One transaction: one commit at start-up instead of one per permission.
  db.transaction(() => {
    for (const permission of SCALEKIT_PERMISSIONS) {
      insert.run(
        `perm_${permission.name}`,
        permission.name,
        permission.description,
        now.getTime(),
        now.getTime(),
      );
    }
  })();
}
