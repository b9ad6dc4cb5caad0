// A fresh PostgreSQL database for one test file, on the server the test run started.
import { inject } from 'vitest';
import { createTestDatabase } from './postgres-server.js';

export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = inject('postgresUrl');
  if (serverUrl === '') throw new Error(`No PostgreSQL for this run: ${inject('postgresProblem')}`);
  return createTestDatabase(serverUrl);
}
