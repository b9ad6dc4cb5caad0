#!/usr/bin/env node
// Prints the gzipped size of the JavaScript a browser loads before the first screen (the entry
// script in dist/index.html and every module it preloads) and fails above the budget.
// Usage: node scripts/check-bundle-size.mjs [--budget-kb 100] [--dist dist]
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : args[index + 1];
};
const budgetKb = Number(option('--budget-kb', '100'));
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

// For information: what a screen loads in all (entry + its lazy chunks and their imports).
const gzipOf = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
let manifest;
try {
  manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
} catch {
  manifest = undefined;
}
if (manifest) {
  const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
  const closure = (keys, seen = new Set()) => {
    for (const key of keys) {
      if (seen.has(key) || !manifest[key]) continue;
      seen.add(key);
      closure(manifest[key].imports ?? [], seen);
    }
    return seen;
  };
  // The entry's lazy chunks, found by file name (Rollup names some shared ones `_<name>`).
  const lazy = manifest[entryKey].dynamicImports ?? [];
  const chunks = (pattern) => lazy.filter((key) => pattern.test(manifest[key]?.file ?? ''));
  const screens = {
    'sign-in': /\/sign-in-/,
    profile: /\/(app-layout|profile)-/,
    team: /\/(app-layout|team)-/,
  };
  for (const [name, pattern] of Object.entries(screens)) {
    const files = [...closure([entryKey, ...chunks(pattern)])].map((key) => manifest[key].file);
    const bytes = files.reduce((sum, file) => sum + gzipOf(file), 0);
    console.log(`  ${name} screen, all JS: ${kb(bytes)} KB gzip (${files.length} files)`);
  }
}
const verdict = total <= budgetKb * 1024 ? 'within' : 'OVER';
console.log(`initial JS: ${kb(total)} KB gzip (budget ${budgetKb} KB): ${verdict} budget`);
process.exit(verdict === 'within' ? 0 : 1);
