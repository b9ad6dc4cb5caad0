// Decorates the app with `database`, the BFF's own database (SQLite or PostgreSQL), migrated to
// the latest schema before any route is served and closed when the app closes.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { DatabaseConfig } from '../config/env.js';
import { openDatabase, type AppDatabase } from '../db/database.js';

declare module 'fastify' {
  interface FastifyInstance {
    database: AppDatabase;
  }
}

async function databasePlugin(
  app: FastifyInstance,
  options: { database: DatabaseConfig },
): Promise<void> {
  const database = await openDatabase(options.database);
  app.decorate('database', database);
  app.addHook('onClose', async () => {
    await database.close();
  });
  app.log.info({ engine: database.engine }, 'database ready');
}

export default fp(databasePlugin, { name: 'database' });
