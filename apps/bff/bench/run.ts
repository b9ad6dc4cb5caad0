// Runs every benchmark script in bench/ (except this runner, its helpers and the minutes-long
// memory soak, which has its own `bench:soak` script), one after the other, each in its own
// process.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HELPERS = new Set(['run.ts', 'autocannon.ts', 'baselines.ts', 'soak.ts']);
const dir = path.dirname(fileURLToPath(import.meta.url));
const scripts = readdirSync(dir)
  .filter((name) => name.endsWith('.ts') && !HELPERS.has(name))
  .sort();

let failed = 0;
for (const script of scripts) {
  console.log(`\n=== bench/${script}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, script)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
