// Once per test run: a real PostgreSQL server shared by every test file (each file creates its
// own database on it through test/support/postgres.ts), stopped when the run ends.
import type { TestProject } from 'vitest/node';
import { startPostgresServer } from './support/postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the run's PostgreSQL server, or '' when it could not start. */
    postgresUrl: string;
    /** Why there is no server, when postgresUrl is ''. */
    postgresProblem: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  try {
    const server = await startPostgresServer();
    project.provide('postgresUrl', server.url);
    project.provide('postgresProblem', '');
    return () => server.stop();
  } catch (error) {
    // Only the tests that need PostgreSQL fail (with this reason); the rest still run.
    project.provide('postgresUrl', '');
    project.provide('postgresProblem', error instanceof Error ? error.message : String(error));
    return () => Promise.resolve();
  }
}
