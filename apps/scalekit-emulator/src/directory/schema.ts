// The directory's tables. Migrations are idempotent and additive: CREATE ... IF NOT EXISTS, and
// ADD COLUMN for columns that data directories created by older versions lack.
import type Database from 'better-sqlite3';
import { migrateSearchIndexes } from './search-index.js';

export function migrateDirectory(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS organizations (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      display_name TEXT NOT NULL,
      external_id TEXT UNIQUE,
      metadata TEXT NOT NULL DEFAULT '{}',
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS users (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      email TEXT NOT NULL UNIQUE,
      external_id TEXT UNIQUE,
      given_name TEXT NOT NULL DEFAULT '',
      family_name TEXT NOT NULL DEFAULT '',
      name TEXT NOT NULL DEFAULT '',
      locale TEXT NOT NULL DEFAULT '',
      phone_number TEXT NOT NULL DEFAULT '',
      email_verified INTEGER NOT NULL DEFAULT 0,
      profile_metadata TEXT NOT NULL DEFAULT '{}',
      custom_attributes TEXT NOT NULL DEFAULT '{}',
      metadata TEXT NOT NULL DEFAULT '{}',
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      last_login_at INTEGER
    );
    CREATE TABLE IF NOT EXISTS memberships (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
      user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      status TEXT NOT NULL,
      roles TEXT NOT NULL DEFAULT '[]',
      metadata TEXT NOT NULL DEFAULT '{}',
      inviter_email TEXT,
      display_name TEXT,
      created_at INTEGER NOT NULL,
      accepted_at INTEGER,
      expires_at INTEGER,
      resend_count INTEGER NOT NULL DEFAULT 0,
      resent_at INTEGER,
      UNIQUE (organization_id, user_id)
    );
    CREATE INDEX IF NOT EXISTS memberships_by_user ON memberships (user_id);
    -- listOrganizationUsers pages an organization's members in creation order: without this,
    -- every page sorts all of them.
    CREATE INDEX IF NOT EXISTS memberships_by_organization ON memberships (organization_id, seq);
  `);
  addMissingColumns(db, 'organizations', {
    slug: 'TEXT',
    logo_url: 'TEXT',
    region_code: "TEXT NOT NULL DEFAULT 'US'",
  });
  addMissingColumns(db, 'users', {
    preferred_username: "TEXT NOT NULL DEFAULT ''",
    picture: "TEXT NOT NULL DEFAULT ''",
    gender: "TEXT NOT NULL DEFAULT ''",
    groups: "TEXT NOT NULL DEFAULT '[]'",
  });
  addMissingColumns(db, 'memberships', { provisioning_method: 'TEXT' });
  db.exec(`
    CREATE UNIQUE INDEX IF NOT EXISTS organizations_by_slug ON organizations (slug)
      WHERE slug IS NOT NULL;
    -- One row per organization that has settings. max_allowed_users: NULL = feature off,
    -- 0 = no limit. features: [{name, enabled}] as sent. session_policy: the CUSTOM policy
    -- (JSON, minutes), NULL = the application's policy.
    CREATE TABLE IF NOT EXISTS organization_settings (
      organization_id TEXT PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
      features TEXT NOT NULL DEFAULT '[]',
      max_allowed_users INTEGER,
      session_policy TEXT
    );
  `);
  migrateSearchIndexes(db);
}

function addMissingColumns(
  db: Database.Database,
  table: string,
  columns: Record<string, string>,
): void {
  const present = new Set(
    db
      .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
      .all()
      .map((column) => column.name),
  );
  for (const [name, declaration] of Object.entries(columns)) {
    if (!present.has(name)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${name} ${declaration}`);
  }
}
