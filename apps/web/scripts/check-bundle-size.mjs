#!/usr/bin/env node
// Prints the gzipped size of the JavaScript a browser loads before the first screen (the entry
// script in dist/index.html and every module it preloads) and fails above the budget.
// Also prints what each signed-in screen loads in all before it is interactive, and fails when
// the Team screen's total is above its own budget.
// Usage: node scripts/check-bundle-size.mjs [--budget-kb 100] [--team-budget-kb 110] [--dist dist]
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : args[index + 1];
};
const budgetKb = Number(option('--budget-kb', '100'));
// The Team screen, the app's busiest, with everything it needs before it is interactive.
const teamBudgetKb = Number(option('--team-budget-kb', '110'));
const dist = resolve(option('--dist', new URL('../dist', import.meta.url).pathname));

let html;
try {
  html = readFileSync(join(dist, 'index.html'), 'utf8');
} catch {
  console.error(`No ${join(dist, 'index.html')}: run the build first.`);
  process.exit(1);
}

// <script type="module" src="..."> and <link rel="modulepreload" href="...">: what loads first.
const initial = new Set();
for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+\.js)"/g)) initial.add(match[1]);
for (const match of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+\.js)"/g))
  initial.add(match[1]);
if (initial.size === 0) {
  console.error('dist/index.html references no JavaScript; is this the right build?');
  process.exit(1);
}

const kb = (bytes) => (bytes / 1024).toFixed(1);
let total = 0;
for (const file of initial) {
  const content = readFileSync(join(dist, file.replace(/^\//, '')));
  const gzipped = gzipSync(content, { level: 9 }).length;
  total += gzipped;
  console.log(`  ${file}  ${kb(content.length)} KB raw, ${kb(gzipped)} KB gzip`);
}

// What a screen loads before it is interactive: the entry and its imports, then the signed-in
// layout and the screen's own route chunk (app.tsx's preloadScreen fetches both at once) with
// every chunk they import statically. Chunks loaded on a click (dialogs, the CSV import) or
// prefetched after the screen rendered are not counted; they are listed for information.
const gzipOf = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
let manifest;
try {
  manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
} catch {
  console.error(`No ${join(dist, '.vite/manifest.json')}: the build must write its manifest.`);
  process.exit(1);
}
const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
const closure = (keys, seen = new Set()) => {
  for (const key of keys) {
    if (seen.has(key) || !manifest[key]) continue;
    seen.add(key);
    closure(manifest[key].imports ?? [], seen);
  }
  return seen;
};
// A route chunk by its chunk name (the route module's file name, e.g. routes/team.tsx -> team).
const routeChunk = (name) => {
  const key = (manifest[entryKey].dynamicImports ?? []).find((k) => manifest[k]?.name === name);
  if (!key) {
    console.error(`The entry loads no chunk named "${name}"; has the route moved?`);
    process.exit(1);
  }
  return key;
};
const screens = [
  { name: 'sign-in', routes: ['sign-in'] },
  { name: 'profile', routes: ['app-layout', 'profile'] },
  { name: 'team', routes: ['app-layout', 'team'], budgetKb: teamBudgetKb },
];
const failures = [];
for (const screen of screens) {
  const keys = closure([entryKey, ...screen.routes.map(routeChunk)]);
  const bytes = [...keys].reduce((sum, key) => sum + gzipOf(manifest[key].file), 0);
  const later = new Set();
  // The entry's own lazy chunks are the other screens, not this one's.
  for (const key of [...keys].filter((k) => k !== entryKey))
    for (const lazy of manifest[key].dynamicImports ?? [])
      for (const k of closure([lazy])) if (!keys.has(k)) later.add(manifest[k].file);
  const laterBytes = [...later].reduce((sum, file) => sum + gzipOf(file), 0);
  let line = `${screen.name} screen, all JS before interactive: ${kb(bytes)} KB gzip (${keys.size} files)`;
  if (screen.budgetKb !== undefined) {
    const within = bytes <= screen.budgetKb * 1024;
    line += ` (budget ${screen.budgetKb} KB): ${within ? 'within' : 'OVER'} budget`;
    if (!within) failures.push(screen.name);
  }
  console.log(line);
  if (screen.name !== 'sign-in')
    console.log(`    loaded later, on demand: ${kb(laterBytes)} KB gzip (${later.size} files)`);
}

const verdict = total <= budgetKb * 1024 ? 'within' : 'OVER';
console.log(`initial JS: ${kb(total)} KB gzip (budget ${budgetKb} KB): ${verdict} budget`);
process.exit(verdict === 'within' && failures.length === 0 ? 0 : 1);
