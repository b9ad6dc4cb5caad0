// A transparent TCP proxy in front of the emulator that counts refresh-token grants on the
// wire, so tests observe what Scalekit really received (not what the BFF meant to send).
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface CountingProxy {
  port: number;
  /** `grant_type=refresh_token` requests seen so far. */
  refreshGrants(): number;
  close(): Promise<void>;
}

const NEEDLE = 'grant_type=refresh_token';

export async function startCountingProxy(
  port: number,
  target: () => number,
): Promise<CountingProxy> {
  let refreshGrants = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target(), '127.0.0.1');
    sockets.add(client).add(upstream);
    let tail = '';
    client.on('data', (chunk: Buffer) => {
      // The kept tail is one byte shorter than the needle, so it never holds a whole match:
      // a needle split across two chunks is counted once, none twice.
      const text = tail + chunk.toString('latin1');
      let from = text.indexOf(NEEDLE);
      while (from !== -1) {
        refreshGrants += 1;
        from = text.indexOf(NEEDLE, from + NEEDLE.length);
      }
      tail = text.slice(-NEEDLE.length + 1);
    });
    client.pipe(upstream).pipe(client);
    const end = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    refreshGrants: () => refreshGrants,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
