// Opens the BFF's own database: an embedded SQLite file by default, PostgreSQL when DATABASE_URL
// is set. Both go through one Kysely instance typed by ./schema.ts, and the numbered migrations
// in ./migrations run before the app serves anything (docs/decisions/004-app-database.md).
import { mkdirSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  type Migration,
  type MigrationProvider,
} from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config/env.js';
import type { Database } from './schema.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

export interface AppDatabase {
  db: Kysely<Database>;
  engine: DatabaseConfig['engine'];
  close(): Promise<void>;
}

function sqliteDialect(file: string): SqliteDialect {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const database = new SqliteDatabase(file);
  // WAL lets readers work while a write commits; the busy timeout makes a second process on the
  // same file (a dev restart) wait for the lock instead of failing at once.
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  return new SqliteDialect({ database });
}

function postgresDialect(url: string): PostgresDialect {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return new PostgresDialect({ pool });
}

/**
 * Every `NNNN-name.ts` file of the migrations folder, by file name (Kysely runs them in name
 * order). Imported from here rather than by Kysely's own provider so that whatever runs the
 * BFF's TypeScript (tsx, vitest) loads them too.
 */
const migrationFolder: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(MIGRATIONS_DIR)).filter((file) => /^\d{4}-.+\.[jt]s$/.test(file));
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const module = (await import(
        pathToFileURL(path.join(MIGRATIONS_DIR, file)).href
      )) as Migration;
      migrations[file.replace(/\.[jt]s$/, '')] = module;
    }
    return migrations;
  },
};

/** Brings the schema up to date; throws (and the app does not start) when a migration fails. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: migrationFolder,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    throw new Error('Database migration failed', { cause: error });
  }
  return (results ?? []).map((result) => result.migrationName);
}

export async function openDatabase(config: DatabaseConfig): Promise<AppDatabase> {
  const dialect =
    config.engine === 'postgres' ? postgresDialect(config.url) : sqliteDialect(config.file);
  const db = new Kysely<Database>({ dialect });
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, engine: config.engine, close: () => db.destroy() };
}
