// Integration tests start real servers (emulator, SMTP, Redis, PostgreSQL, BFF): generous
// timeouts, and files run one at a time so a busy 2-core machine never starves them. One
// PostgreSQL server serves the whole run (test/global-setup.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    globalSetup: ['test/global-setup.ts'],
  },
});
