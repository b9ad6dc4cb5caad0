// The app's database on each engine for store contract tests: an SQLite file in a temporary
// directory and a fresh database on the run's PostgreSQL server, each removed by `closeAll`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type AppDatabase } from '../../src/db/database.js';
import { createPostgresDatabase } from './postgres.js';

export type Engine = 'sqlite' | 'postgres';
export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

export class DatabaseEngines {
  private readonly cleanups: (() => Promise<void>)[] = [];

  async open(engine: Engine): Promise<AppDatabase> {
    if (engine === 'postgres') {
      const created = await createPostgresDatabase();
      const database = await openDatabase({ engine: 'postgres', url: created.url });
      this.cleanups.push(async () => {
        await database.close();
        await created.drop();
      });
      return database;
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'bff-sqlite-'));
    const database = await openDatabase({ engine: 'sqlite', file: path.join(dir, 'app.sqlite') });
    this.cleanups.push(async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return database;
  }

  async closeAll(): Promise<void> {
    for (const cleanup of this.cleanups.reverse()) await cleanup();
  }
}
