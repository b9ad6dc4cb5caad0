// Builds the SPA into dist/ and serves it alone on :5173 with /api and /auth proxied to the BFF.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
// Everything the browser calls on the BFF; used when Vite runs alone (port 5173).
const bff = process.env['BFF_ORIGIN'] ?? 'http://localhost:3000';

export default defineConfig({
  root,
  plugins: [react()],
  resolve: {
    alias: [
      { find: '@', replacement: fileURLToPath(new URL('./src', import.meta.url)) },
      // The contracts' `zod` is classic zod's API on zod/mini here (see src/lib/zod-lite).
      { find: /^zod$/, replacement: fileURLToPath(new URL('./src/lib/zod-lite', import.meta.url)) },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Read by scripts/check-bundle-size.mjs to report what each screen loads after the entry.
    manifest: true,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod's comments explain its own @__PURE__ placement; Rollup only notes it drops them.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/zod/')) return;
        warn(warning);
      },
      output: {
        // zod and the contracts load with the first screen that talks to the BFF, after the
        // entry; one named chunk keeps that visible in the size report.
        manualChunks(id) {
          if (/node_modules\/\.pnpm\/zod@|packages\/contracts\/|src\/lib\/zod-lite\//.test(id))
            return 'contracts';
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
});
