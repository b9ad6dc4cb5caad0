// A proxy in front of the emulator that plays Scalekit's rate limiter at the network edge:
// HTTP/1.1 passes through untouched, gRPC (h2c) streams are forwarded one by one, except that
// chosen calls are answered `RESOURCE_EXHAUSTED` with a retry hint, as a limited Scalekit would.
import http2 from 'node:http2';
import { connect, createServer, type Server, type Socket } from 'node:net';

const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

export interface ThrottlingProxy {
  port: number;
  url: string;
  /** Calls answered RESOURCE_EXHAUSTED so far, by gRPC method path. */
  throttled: Map<string, number>;
  /** Calls forwarded to the emulator, by gRPC method path. */
  forwarded: Map<string, number>;
  close(): Promise<void>;
}

export interface ThrottlingProxyOptions {
  /** Target port, read per connection (the emulator starts after the proxy). */
  target: () => number;
  /** Whether to refuse this call (`path` like /scalekit.v1.users.UserService/CreateUserAndMembership). */
  throttle: (path: string) => boolean;
  /** Sent in grpc-message, e.g. "rate limit exceeded, retry after 200ms". */
  message: string;
}

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

export async function startThrottlingProxy(
  options: ThrottlingProxyOptions,
): Promise<ThrottlingProxy> {
  const throttled = new Map<string, number>();
  const forwarded = new Map<string, number>();
  const sockets = new Set<Socket>();
  let upstream: http2.ClientHttp2Session | undefined;
  const session = () => {
    if (upstream === undefined || upstream.closed || upstream.destroyed) {
      upstream = http2.connect(`http://127.0.0.1:${options.target()}`);
      upstream.on('error', () => undefined);
    }
    return upstream;
  };

  const h2 = http2.createServer();
  h2.on('stream', (stream, headers) => {
    const path = String(headers[':path']);
    if (options.throttle(path)) {
      bump(throttled, path);
      stream.respond(
        {
          ':status': 200,
          'content-type': 'application/grpc',
          'grpc-status': '8',
          'grpc-message': encodeURIComponent(options.message),
        },
        { endStream: true },
      );
      return;
    }
    bump(forwarded, path);
    const outgoing: http2.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(headers)) {
      if (name !== ':scheme' && name !== ':authority' && value !== undefined)
        outgoing[name] = value;
    }
    const call = session().request(outgoing);
    let trailers: http2.IncomingHttpHeaders = {};
    call.on('trailers', (received: http2.IncomingHttpHeaders) => {
      trailers = received;
    });
    call.on('response', (responseHeaders, flags) => {
      const ended = (flags & http2.constants.NGHTTP2_FLAG_END_STREAM) !== 0;
      stream.respond(responseHeaders, ended ? { endStream: true } : { waitForTrailers: true });
      if (ended) return;
      stream.on('wantTrailers', () => {
        const copy: http2.OutgoingHttpHeaders = {};
        for (const [name, value] of Object.entries(trailers))
          if (value !== undefined) copy[name] = value;
        stream.sendTrailers(copy);
      });
      call.pipe(stream);
    });
    call.on('error', () => stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR));
    stream.on('error', () => call.close());
    stream.pipe(call);
  });

  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.once('data', (first: Buffer) => {
      client.pause();
      client.unshift(first);
      if (
        first
          .subarray(0, PREFACE.length)
          .equals(PREFACE.subarray(0, Math.min(first.length, PREFACE.length)))
      ) {
        // The http2 session takes over the socket and replays the buffered bytes itself.
        h2.emit('connection', client);
        return;
      }
      const raw = connect(options.target(), '127.0.0.1');
      sockets.add(raw);
      const end = () => {
        client.destroy();
        raw.destroy();
        sockets.delete(raw);
      };
      client.on('error', end).on('close', end);
      raw.on('error', end).on('close', end);
      client.pipe(raw).pipe(client);
      client.resume();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    port,
    url: `http://localhost:${port}`,
    throttled,
    forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        upstream?.destroy();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
