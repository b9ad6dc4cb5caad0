// What the session API reads beyond the sign-in session itself: the device and address it
// started from, when it was last used, why it ended, and the applications it signed in to.
import type Database from 'better-sqlite3';

const SESSION_COLUMNS: Record<string, string> = {
  user_agent: 'TEXT',
  ip: 'TEXT',
  last_active_at: 'INTEGER',
  // 'logout' (the user signed out) or 'revoked' (an administrator or a removal ended it).
  end_reason: 'TEXT',
};

export function migrateSessionDetails(db: Database.Database): void {
  db.transaction(() => {
    // Data directories from before these columns existed get them added in place.
    const present = new Set(
      db
        .prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)')
        .all('auth_sessions')
        .map((column) => column.name),
    );
    for (const [name, type] of Object.entries(SESSION_COLUMNS)) {
      if (!present.has(name)) db.exec(`ALTER TABLE auth_sessions ADD COLUMN ${name} ${type}`);
    }
    db.exec(`
      CREATE TABLE IF NOT EXISTS auth_session_clients (
        session_id TEXT NOT NULL,
        client_id TEXT NOT NULL,
        organization_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (session_id, client_id, organization_id)
      )
    `);
  })();
}
