// Opens the emulator's SQLite database: one file in the data directory (WAL), or memory for tests.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export interface OpenDatabaseOptions {
  dataDir?: string;
  inMemory?: boolean;
}

export const DATABASE_FILE = 'emulator.sqlite';

export function openDatabase(opts: OpenDatabaseOptions): Database.Database {
  let db: Database.Database;
  if (opts.inMemory === true) {
    db = new Database(':memory:');
  } else {
    if (opts.dataDir === undefined)
      throw new Error('openDatabase needs a dataDir unless inMemory is set');
    mkdirSync(opts.dataDir, { recursive: true });
    db = new Database(join(opts.dataDir, DATABASE_FILE));
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL keeps every commit durable against a process crash, which is what a dev server needs.
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 2000');
  return db;
}
