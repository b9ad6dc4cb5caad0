// Small key/value facts about the store itself, such as whether the seed was applied.
import type Database from 'better-sqlite3';

export function migrateMeta(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
}

export function readMeta(db: Database.Database, key: string): string | undefined {
  const row = db
    .prepare<[string], { value: string }>('SELECT value FROM store_meta WHERE key = ?')
    .get(key);
  return row?.value;
}

export function writeMeta(db: Database.Database, key: string, value: string): void {
  db.prepare(
    'INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}
