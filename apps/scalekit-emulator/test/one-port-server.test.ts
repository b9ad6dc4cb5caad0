import http2 from 'node:http2';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from './support/emulator.js';

/** Sends raw bytes in the given pieces (with a pause between them) and returns the whole reply. */
async function rawExchange(port: number, pieces: string[], pauseMs = 30): Promise<string> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) =>
    socket.once('connect', resolve).once('error', reject),
  );
  let reply = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (reply += chunk));
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  for (const piece of pieces) {
    socket.write(piece);
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  await ended;
  return reply;
}

describe('one port serving HTTP/1.1 and h2c', () => {
  let env: TestEmulator;
  let token: string;
  beforeAll(async () => {
    env = await startTestEmulator();
    const response = await fetch(`${env.emulator.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: env.emulator.clientId,
        client_secret: env.emulator.clientSecret,
      }),
    });
    token = ((await response.json()) as { access_token: string }).access_token;
  });
  afterAll(() => env.close());

  it('serves HTTP/1.1 requests whose first bytes arrive one at a time and whose body comes later', async () => {
    const body = JSON.stringify({ id: 'org_acme' });
    const head =
      'POST /scalekit.v1.organizations.OrganizationService/GetOrganization HTTP/1.1\r\n' +
      `Host: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`;
    // "P" and "PR" are also how the HTTP/2 preface starts, so the server must wait before choosing.
    const reply = await rawExchange(env.emulator.port, [
      head.slice(0, 1),
      head.slice(1, 2),
      head.slice(2),
      body,
    ]);
    expect(reply.startsWith('HTTP/1.1 200')).toBe(true);
    expect(reply).toContain('"displayName":"Acme"');
  });

  it('keeps an HTTP/1.1 connection alive across several requests', async () => {
    const request = (path: string, close: boolean): string =>
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${close ? 'Connection: close\r\n' : ''}\r\n`;
    const reply = await rawExchange(env.emulator.port, [
      request('/.well-known/openid-configuration', false),
      request('/keys', false),
      request('/.well-known/openid-configuration', true),
    ]);
    expect(reply.match(/HTTP\/1\.1 200/g)).toHaveLength(3);
  });

  it('answers a gRPC call over h2c with prior knowledge on the same port', async () => {
    const session = http2.connect(env.emulator.url);
    try {
      const grpcStatus = await new Promise<string>((resolve, reject) => {
        const stream = session.request({
          ':method': 'POST',
          ':path': '/scalekit.v1.organizations.OrganizationService/GetOrganization',
          'content-type': 'application/grpc',
          te: 'trailers',
        });
        // No token: the gRPC status in the trailers is 16 (Unauthenticated).
        stream.on('trailers', (trailers: http2.IncomingHttpHeaders) =>
          resolve(String(trailers['grpc-status'])),
        );
        stream.on('error', reject);
        stream.resume();
        stream.end(Buffer.from([0, 0, 0, 0, 0]));
      });
      expect(grpcStatus).toBe('16');
    } finally {
      session.close();
    }
  });

  it('stops promptly while HTTP/1.1 and HTTP/2 clients keep idle connections open', async () => {
    const other = await startTestEmulator();
    await other.sdk.organization.getOrganization('org_acme');
    const session = http2.connect(other.emulator.url);
    await new Promise<void>((resolve) => session.once('connect', () => resolve()));
    const keepAlive = net.connect(other.emulator.port, '127.0.0.1');
    keepAlive.write('GET /keys HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((resolve) => keepAlive.once('data', resolve));
    const started = performance.now();
    await other.close();
    expect(performance.now() - started).toBeLessThan(1000);
    session.destroy();
    keepAlive.destroy();
  });
});
