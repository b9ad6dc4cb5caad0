// A local HTTP endpoint that records every POST (webhooks, interceptor calls) and answers with
// whatever the test sets, so deliveries can be inspected and hooks made to allow, deny or stall.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
  json: Record<string, unknown>;
}

export interface Answer {
  status: number;
  body: unknown;
  delayMs?: number;
}

export interface Receiver {
  url: string;
  received: ReceivedRequest[];
  /** Sets how the next requests are answered (default 204, no body). */
  answerWith(answer: (request: ReceivedRequest) => Answer): void;
  /** Waits (up to 10 s) for a request the predicate accepts. */
  waitFor(predicate: (request: ReceivedRequest) => boolean): Promise<ReceivedRequest>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: ReceivedRequest[] = [];
  let answer: (request: ReceivedRequest) => Answer = () => ({ status: 204, body: null });
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const request: ReceivedRequest = {
        path: req.url ?? '/',
        headers: Object.fromEntries(
          Object.entries(req.headers).map(([name, value]) => [name, String(value)]),
        ),
        body,
        json: body === '' ? {} : (JSON.parse(body) as Record<string, unknown>),
      };
      received.push(request);
      const reply = answer(request);
      const send = () => {
        if (res.destroyed) return;
        res.statusCode = reply.status;
        if (reply.body === null) {
          res.end();
          return;
        }
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(reply.body));
      };
      if (reply.delayMs === undefined) send();
      else {
        const timer = setTimeout(() => {
          timers.delete(timer);
          send();
        }, reply.delayMs);
        timers.add(timer);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answerWith(next) {
      answer = next;
    },
    async waitFor(predicate) {
      for (let waited = 0; waited < 10_000; waited += 25) {
        const found = received.find(predicate);
        if (found !== undefined) return found;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error('no matching request arrived within 10 s');
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
