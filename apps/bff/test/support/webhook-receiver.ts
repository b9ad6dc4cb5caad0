// A real HTTP receiver of outbound webhooks, as a customer would run one: it verifies each
// request with the Scalekit SDK's own `verifyWebhookPayload` and keeps what it accepted.
import http from 'node:http';
import { ScalekitClient } from '@scalekit-sdk/node';
import type { OutboundEvent } from '@app/contracts';

export interface ReceivedWebhook {
  webhookId: string;
  event: OutboundEvent;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Requests whose signature the SDK refused. */
  refused: number;
  close(): Promise<void>;
}

export async function startWebhookReceiver(
  secret: () => string,
  port = 0,
): Promise<WebhookReceiver> {
  // The SDK's verification needs no network; the client's own settings are never used.
  const sdk = new ScalekitClient('http://127.0.0.1:9', 'skc_receiver', 'unused');
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    refused: 0,
    close: () => Promise.resolve(),
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
      );
      try {
        sdk.verifyWebhookPayload(secret(), headers, body);
      } catch {
        receiver.refused += 1;
        response.writeHead(400).end();
        return;
      }
      receiver.received.push({
        webhookId: headers['webhook-id'] ?? '',
        event: JSON.parse(body) as OutboundEvent,
      });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  const boundPort = typeof address === 'object' && address !== null ? address.port : port;
  receiver.url = `http://localhost:${boundPort}/hooks`;
  receiver.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}
