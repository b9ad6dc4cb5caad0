// Where things live on disk, resolved from this file so the suite runs from any working directory.
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

export const e2eDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = resolve(e2eDir, '..');
/** Git-ignored: screenshots, traces and the JSON report of a run. */
export const artifactsDir = resolve(e2eDir, 'artifacts');
export const screensDir = resolve(artifactsDir, 'screens');
export const bffDir = resolve(repoRoot, 'apps/bff');
/** The production build of the SPA that the BFF serves (`pnpm --filter @app/web build`). */
export const webDistDir = resolve(repoRoot, 'apps/web/dist');
/** The run's private copy of that build, which the BFFs serve (see web-snapshot.ts). */
export const webSnapshotDir = resolve(artifactsDir, 'web-dist');
