// Copies the SPA build into the run's artifacts before the journeys start, so a rebuild of
// apps/web during the run (Vite empties dist/ first) cannot pull the pages from under the BFF.
import { cp, readFile, rm, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { webDistDir, webSnapshotDir } from './paths.js';

/** The build is whole when index.html and every asset it references exist. */
async function isCompleteBuild(dir: string): Promise<boolean> {
  let html: string;
  try {
    html = await readFile(resolve(dir, 'index.html'), 'utf8');
  } catch {
    return false;
  }
  const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map(
    (match) => match[1] ?? '',
  );
  const present = await Promise.all(
    assets.map((asset) =>
      stat(resolve(dir, asset)).then(
        () => true,
        () => false,
      ),
    ),
  );
  return present.every(Boolean);
}

export async function snapshotWebBuild(attempts = 20): Promise<void> {
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    if (await isCompleteBuild(webDistDir)) {
      await rm(webSnapshotDir, { recursive: true, force: true });
      await cp(webDistDir, webSnapshotDir, { recursive: true });
      if (await isCompleteBuild(webSnapshotDir)) return;
    }
    // A build may be in progress: give it a moment to finish.
    await new Promise((wake) => setTimeout(wake, 1_000));
  }
  throw new Error(
    `No complete SPA build in ${webDistDir}: run \`pnpm --filter @app/web build\` first.`,
  );
}
