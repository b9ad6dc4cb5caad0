// Bundles the CLI into dist/cli.js: one file starts several times faster than the TypeScript
// sources through tsx (see README, "Start-up time"). better-sqlite3 stays external (native addon).
// Code loaded with import() after start-up (the management API) goes into its own chunk, so
// start-up neither parses nor runs it.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3'],
  // Bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
