// Playwright configuration: the journeys run in Debian's Chromium (Playwright cannot download
// browsers here), one at a time, each against its own freshly started stack (see support/stack.ts).
import { defineConfig } from '@playwright/test';
import { artifactsDir } from './support/paths.js';

export default defineConfig({
  testDir: './tests',
  globalSetup: './global-setup.ts',
  outputDir: `${artifactsDir}/test-results`,
  // Two shared cores: one journey at a time keeps timings honest and nothing flaky.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  // A journey starts an emulator, a mail receiver and a BFF process before it even opens a page.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: `${artifactsDir}/results.json` }]],
  use: {
    browserName: 'chromium',
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-quic',
        '--no-first-run',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
