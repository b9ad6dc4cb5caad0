// Component tests: jsdom, Testing Library and MSW at the network edge. Vitest brings its own
// Vite, so this config stays apart from the build's vite.config.ts.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: [
      { find: '@', replacement: fileURLToPath(new URL('./src', import.meta.url)) },
      // As in the build: the screens are tested on what ships (see src/lib/zod-lite).
      { find: /^zod$/, replacement: fileURLToPath(new URL('./src/lib/zod-lite', import.meta.url)) },
    ],
  },
  test: {
    environment: 'jsdom',
    environmentOptions: { jsdom: { url: 'http://localhost:3000/' } },
    setupFiles: ['./src/testing/browser-apis.ts', './src/testing/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    css: false,
  },
});
