// The app's database on each engine for store contract tests: a fresh SQLite file or a fresh
// database on the run's real PostgreSQL server, each removed by `closeTestDatabases()`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type AppDatabase } from '../../src/db/database.js';
import { createPostgresDatabase } from './postgres.js';

export const ENGINES = ['sqlite', 'postgres'] as const;
export type Engine = (typeof ENGINES)[number];

const cleanups: (() => Promise<void>)[] = [];

export async function openTestDatabase(engine: Engine): Promise<AppDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'bff-sqlite-'));
    const database = await openDatabase({ engine: 'sqlite', file: path.join(dir, 'app.sqlite') });
    cleanups.push(async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return database;
  }
  const created = await createPostgresDatabase();
  const database = await openDatabase({ engine: 'postgres', url: created.url });
  cleanups.push(async () => {
    await database.close();
    await created.drop();
  });
  return database;
}

/** Closes and removes every database opened so far, newest first. */
export async function closeTestDatabases(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}
