// Baselines for the session benchmark: a bare Fastify route returning the same JSON, the same
// route with a default @fastify/session setup, and the Express 5 + express-session version a
// user would otherwise write.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import express from 'express';
import expressSession from 'express-session';

const SECRET = 'bench-baseline-secret-0123456789abcdef-0123456789';

/** What a typical session holds: the profile plus the three tokens. */
export interface StoredSession {
  profile: Record<string, unknown>;
  tokens: { accessToken: string; refreshToken: string; idToken: string };
}

export interface Baseline {
  url: string;
  cookie: string;
  close(): Promise<void>;
}

function urlOf(address: AddressInfo | string | null): string {
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}

/** Signs in once through the baseline's `POST /login`; returns its session URL and cookie. */
async function signIn(
  address: AddressInfo | string | null,
): Promise<{ url: string; cookie: string }> {
  const base = urlOf(address);
  const login = await fetch(`${base}/login`, { method: 'POST' });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { url: `${base}/api/session`, cookie };
}

export async function startBareFastify(body: unknown): Promise<Baseline> {
  const app = Fastify({ logger: false });
  app.get('/api/session', () => body);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: `${urlOf(app.server.address())}/api/session`,
    cookie: '',
    close: () => app.close(),
  };
}

declare module 'fastify' {
  interface Session {
    data?: StoredSession;
  }
}

/** `POST /login` stores the session data; `GET /api/session` answers `body` or 401. */
function addSessionRoutes(app: FastifyInstance, value: StoredSession, body: unknown): void {
  app.post('/login', (request) => {
    request.session.set('data', value);
    return { ok: true };
  });
  app.get('/api/session', async (request, reply) => {
    if (request.session.get('data') === undefined)
      return reply.code(401).send({ code: 'unauthenticated', message: 'Sign in' });
    return body;
  });
}

export async function startDefaultFastifySession(stored: StoredSession): Promise<Baseline> {
  const app: FastifyInstance = Fastify({ logger: false });
  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: SECRET,
    cookie: { secure: false },
    saveUninitialized: false,
  });
  addSessionRoutes(app, stored, stored.profile);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { url, cookie } = await signIn(app.server.address());
  return { url, cookie, close: () => app.close() };
}

declare module 'express-session' {
  interface SessionData {
    data: StoredSession;
  }
}

export async function startExpress(stored: StoredSession): Promise<Baseline> {
  const app = express();
  app.use(
    expressSession({
      secret: SECRET,
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: 'lax' },
    }),
  );
  app.post('/login', (req, res) => {
    req.session.data = stored;
    res.json({ ok: true });
  });
  app.get('/api/session', (req, res) => {
    const data = req.session.data;
    if (data === undefined) {
      res.status(401).json({ code: 'unauthenticated', message: 'Sign in' });
      return;
    }
    res.json(data.profile);
  });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { url, cookie } = await signIn(server.address());
  return {
    url,
    cookie,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
