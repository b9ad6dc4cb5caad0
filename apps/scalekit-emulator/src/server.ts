// One TCP port, two protocols: each connection's first bytes decide between h2c (prior
// knowledge, as the SDK's gRPC transport speaks it) and HTTP/1.1 (OAuth endpoints, pages).
// Node's http2 server cannot fall back to HTTP/1.1 without TLS, hence the peek (ADR 002).
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';

/** The client connection preface every HTTP/2 connection starts with (RFC 9113, section 3.4). */
export const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

export interface ProtocolHandlers {
  http1: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  h2: (req: http2.Http2ServerRequest, res: http2.Http2ServerResponse) => void;
}

export interface DualProtocolServer {
  readonly port: number;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then drops what is left. */
  close(graceMs?: number): Promise<void>;
}

export async function listenDualProtocol(
  handlers: ProtocolHandlers,
  opts: { port: number; host: string },
): Promise<DualProtocolServer> {
  let closing = false;
  // HTTP/1.1 connections handed over by `emit('connection')` are invisible to the server's own
  // idle tracking (it starts on 'listening'), so keep count of the ones inside a request.
  const http1Busy = new Set<net.Socket>();
  const http1 = http.createServer((req, res) => {
    const socket = req.socket;
    http1Busy.add(socket);
    res.on('close', () => http1Busy.delete(socket));
    // Once closing, answer and hang up instead of keeping the connection alive.
    if (closing) res.setHeader('connection', 'close');
    handlers.http1(req, res);
  });
  const h2 = http2.createServer(handlers.h2);
  const sockets = new Set<net.Socket>();
  const sessions = new Set<http2.ServerHttp2Session>();
  h2.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
    if (closing) session.close();
  });

  const tcp = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    dispatchByPreface(socket, http1, h2);
  });
  tcp.on('error', (error) => {
    // Listening errors surface through the promise below; later ones only affect single sockets.
    if (!tcp.listening) return;
    console.error('scalekit-emulator: server error', error);
  });

  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(opts.port, opts.host, () => {
      tcp.off('error', reject);
      resolve();
    });
  });
  const address = tcp.address();
  if (address === null || typeof address === 'string')
    throw new Error('the emulator is not listening on TCP');

  return {
    port: address.port,
    async close(graceMs = 2000) {
      closing = true;
      const closed = new Promise<void>((resolve) => tcp.close(() => resolve()));
      for (const session of sessions) session.close();
      // Idle keep-alive connections, connections that never sent a byte, and whatever outlives
      // the grace period are dropped.
      for (const socket of sockets) {
        const protocol = dispatched.get(socket);
        if (protocol === undefined || (protocol === 'http1' && !http1Busy.has(socket)))
          socket.destroy();
      }
      const timer = setTimeout(() => {
        for (const socket of sockets) socket.destroy();
      }, graceMs);
      timer.unref();
      await closed;
      clearTimeout(timer);
    },
  };
}

const dispatched = new WeakMap<net.Socket, 'http1' | 'h2'>();

/**
 * Reads until the bytes either complete the HTTP/2 preface or diverge from it, then puts them
 * back (`unshift`) and hands the socket to the matching server as a fresh connection.
 */
function dispatchByPreface(socket: net.Socket, http1: http.Server, h2: http2.Http2Server): void {
  let received: Buffer = Buffer.alloc(0);
  const onData = (chunk: Buffer): void => {
    received = received.length === 0 ? chunk : Buffer.concat([received, chunk]);
    const compared = Math.min(received.length, HTTP2_PREFACE.length);
    const matchesSoFar = received.subarray(0, compared).equals(HTTP2_PREFACE.subarray(0, compared));
    if (matchesSoFar && received.length < HTTP2_PREFACE.length) return;
    socket.off('data', onData);
    socket.pause();
    socket.unshift(received);
    dispatched.set(socket, matchesSoFar ? 'h2' : 'http1');
    if (matchesSoFar) {
      // The http2 session takes over the native handle and replays the buffered bytes itself.
      h2.emit('connection', socket);
    } else {
      http1.emit('connection', socket);
      socket.resume();
    }
  };
  socket.on('data', onData);
}
