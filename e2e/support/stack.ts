// The `stack` fixture: every test gets a clean product on free ports (a real SMTP receiver,
// the Scalekit emulator in memory seeded for this app origin, and the BFF in production mode
// serving the built SPA), torn down after the test. `baseURL` points at that BFF.
import { randomBytes } from 'node:crypto';
import { test as base } from '@playwright/test';
import { ScalekitClient } from '@scalekit-sdk/node';
import { buildSeed, startEmulator } from '@app/scalekit-emulator';
import { startMailbox, type Mailbox } from '@app/scalekit-emulator/testing';
import { startBff } from './bff-process.js';
import { freePort } from './free-port.js';

export type { Mailbox } from '@app/scalekit-emulator/testing';

export interface Stack {
  /** The app's one origin (BFF + SPA), e.g. http://localhost:41234. */
  appUrl: string;
  /** The emulator's origin (hosted sign-in page, OIDC, gRPC). */
  emulatorUrl: string;
  /** Every email the emulator sent during this test, received over SMTP. */
  mailbox: Mailbox;
  /** The unmodified Scalekit SDK pointed at this test's emulator, to check what exists. */
  scalekit: ScalekitClient;
  bffLogs(): string;
}

/** A Standard Webhooks secret: "whsec_" and base64 of 32 random bytes. */
function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * Stops in reverse order (the BFF first, so it never sees its identity provider vanish), and
 * keeps going past a failing stop so nothing is left running.
 */
async function stopAll(stops: (() => Promise<void>)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const stop of [...stops].reverse())
    await stop().catch((error: unknown) => failures.push(error));
  if (failures.length > 0) throw new AggregateError(failures, 'the stack did not stop cleanly');
}

export const test = base.extend<{ stack: Stack }>({
  // Playwright requires an object pattern here even when the fixture needs no other fixture.
  // eslint-disable-next-line no-empty-pattern
  stack: async ({}, use, testInfo) => {
    const stops: (() => Promise<void>)[] = [];
    try {
      const mailbox = await startMailbox();
      stops.push(() => mailbox.close());

      const port = await freePort();
      const appOrigin = `http://localhost:${port}`;
      const webhookSecret = newWebhookSecret();
      const emulator = await startEmulator({
        seed: buildSeed({
          appOrigin,
          webhookUrl: `${appOrigin}/api/webhooks/scalekit`,
          webhookSecret,
        }),
        inMemory: true,
        port: 0,
        smtpUrl: mailbox.smtpUrl,
      });
      stops.push(() => emulator.close());

      const bff = await startBff({
        port,
        env: {
          SCALEKIT_ENVIRONMENT_URL: emulator.url,
          SCALEKIT_CLIENT_ID: emulator.clientId,
          SCALEKIT_CLIENT_SECRET: emulator.clientSecret,
          SCALEKIT_WEBHOOK_SECRET: webhookSecret,
          SESSION_SECRET: randomBytes(48).toString('base64'),
          // The BFF's own emails (join links, declined requests) reach the same mailbox.
          SMTP_URL: mailbox.smtpUrl,
        },
      });
      stops.push(async () => {
        if (testInfo.status !== testInfo.expectedStatus) {
          await testInfo.attach('bff-output.log', { body: bff.logs(), contentType: 'text/plain' });
        }
        await bff.stop();
      });

      await use({
        appUrl: bff.url,
        emulatorUrl: emulator.url,
        mailbox,
        scalekit: new ScalekitClient(emulator.url, emulator.clientId, emulator.clientSecret),
        bffLogs: () => bff.logs(),
      });
    } finally {
      await stopAll(stops);
    }
  },
  baseURL: async ({ stack }, use) => {
    await use(stack.appUrl);
  },
});

export { expect } from '@playwright/test';
