// The directory's tables. Migrations are idempotent CREATE ... IF NOT EXISTS statements.
import type Database from 'better-sqlite3';

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
  `);
}
