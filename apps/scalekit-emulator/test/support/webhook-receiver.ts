// A real HTTP endpoint that records the webhooks the emulator delivers, for tests that assert them.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSeed } from '../../src/index.js';
import { startTestEmulator, type TestEmulator } from './emulator.js';

export interface ReceivedWebhook {
  headers: Record<string, string>;
  body: string;
  event: { type: string; organization_id: string | null; data: Record<string, unknown> };
}

export interface WebhookReceiver {
  url: string;
  deliveries: ReceivedWebhook[];
  /** Resolves with the first delivery that matches, waiting up to 10 seconds for it. */
  waitFor(match: (delivery: ReceivedWebhook) => boolean): Promise<ReceivedWebhook>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const deliveries: ReceivedWebhook[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([name, value]) => [name, String(value)]),
      );
      deliveries.push({ headers, body, event: JSON.parse(body) as ReceivedWebhook['event'] });
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    deliveries,
    async waitFor(match) {
      for (let waited = 0; waited < 10_000; waited += 50) {
        const found = deliveries.find(match);
        if (found !== undefined) return found;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('the expected webhook did not arrive');
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A test emulator whose dev seed sends webhooks to a fresh receiver; close() stops both. */
export async function startTestEmulatorWithWebhooks(): Promise<{
  env: TestEmulator;
  hooks: WebhookReceiver;
  close: () => Promise<void>;
}> {
  const hooks = await startWebhookReceiver();
  const env = await startTestEmulator({
    seed: buildSeed({ appOrigin: 'http://localhost:3000', webhookUrl: hooks.url }),
  });
  return {
    env,
    hooks,
    close: async () => {
      await env.close();
      await hooks.close();
    },
  };
}
