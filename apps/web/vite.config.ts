// Builds the SPA into dist/ and serves it alone on :5173 with /api and /auth proxied to the BFF.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const require = createRequire(import.meta.url);
// react-router 7 exports only its development build (dev warnings, longer code) under every
// condition (remix-run/react-router#12532); its production build sits beside it in the package.
const reactRouterProduction = path.join(
  path.dirname(require.resolve('react-router/package.json')),
  'dist/production/index.mjs',
);
// Everything the browser calls on the BFF; used when Vite runs alone (port 5173).
const bff = process.env['BFF_ORIGIN'] ?? 'http://localhost:3000';

export default defineConfig(({ command }) => ({
  root,
  plugins: [react()],
  resolve: {
    alias: [
      { find: '@', replacement: fileURLToPath(new URL('./src', import.meta.url)) },
      // The shipped build takes react-router's production build; `vite` dev keeps its warnings.
      ...(command === 'build'
        ? [{ find: /^react-router$/, replacement: reactRouterProduction }]
        : []),
      // The contracts' `zod` is classic zod's API on zod/mini here (see src/lib/zod-lite).
      { find: /^zod$/, replacement: fileURLToPath(new URL('./src/lib/zod-lite', import.meta.url)) },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // terser compresses about 3% smaller than the default esbuild minifier (two passes), which
    // the Team screen's JS budget needs; the build takes a few seconds longer.
    minify: 'terser',
    terserOptions: {
      ecma: 2020,
      module: true,
      compress: { passes: 2, pure_getters: true },
    },
    // Read by scripts/check-bundle-size.mjs to report what each screen loads after the entry.
    manifest: true,
    rollupOptions: {
      // The contracts only declare schemas and constants: importing a module runs nothing else,
      // so a screen need not load the schemas it does not use (the barrel re-exports them all).
      treeshake: { moduleSideEffects: (id) => !/packages\/contracts\/src\//.test(id) },
      onwarn(warning, warn) {
        // zod's comments explain its own @__PURE__ placement; Rollup only notes it drops them.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/zod/')) return;
        warn(warning);
      },
      output: {
        // zod loads with the first screen that talks to the BFF, after the entry; one named
        // chunk keeps that visible in the size report. The contracts' schemas are left to
        // Rollup, so each lands with the screens that use it (audit with Activity, API keys
        // with Settings) instead of every screen loading them all.
        manualChunks(id) {
          // Its English messages are a chunk of their own (src/lib/zod-lite/english-messages.ts).
          if (/\/zod\/v4\/locales\/|zod-lite\/english-messages/.test(id)) return 'zod-messages';
          if (/node_modules\/\.pnpm\/zod@|src\/lib\/zod-lite\//.test(id)) return 'zod';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: bff, changeOrigin: false },
      '/auth': { target: bff, changeOrigin: false },
    },
  },
}));
