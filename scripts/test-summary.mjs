// Prints one closing line, "N passed, N failed", summed over every test runner's own summary
// in a `pnpm test` log (Vitest's "Tests  X failed | Y passed" and Playwright's "Y passed").
import { readFileSync } from 'node:fs';

const log = readFileSync(process.argv[2] ?? 0, 'utf8').replace(/\u001b\[[0-9;]*m/g, '');
let passed = 0;
let failed = 0;
for (const line of log.split('\n')) {
  const text = line.replace(/^@app\/[\w-]+:test:\s*/, '');
  const vitest = /^\s*Tests\s+(.*)\(\d+\)\s*$/.exec(text);
  const playwright = /^\s*(\d+) (passed|failed|flaky)(\s+\([^)]*\))?\s*$/.exec(text);
  if (vitest?.[1]) {
    passed += Number(/(\d+) passed/.exec(vitest[1])?.[1] ?? 0);
    failed += Number(/(\d+) failed/.exec(vitest[1])?.[1] ?? 0);
  } else if (playwright?.[1]) {
    if (playwright[2] === 'failed') failed += Number(playwright[1]);
    else passed += Number(playwright[1]);
  }
}
console.log(`${passed} passed, ${failed} failed`);
