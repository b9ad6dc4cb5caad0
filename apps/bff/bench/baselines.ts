// Baselines for the session benchmark: a bare Fastify route returning the same JSON, the same
// route with a default and with a tuned @fastify/session setup, and the Express 5 +
// express-session version a user would otherwise write.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import Fastify, { type FastifyInstance, type Session } from 'fastify';
import fastifyCookie, { Signer } from '@fastify/cookie';
import fastifySession from '@fastify/session';
import { LRUCache } from 'lru-cache';
import { MemorySessionStore } from '../src/session/memory-store.js';
import { newSessionId } from '../src/session/session-manager.js';
import type { SessionMeta } from '../src/session/session-types.js';
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
    /** The tuned setup keeps only the metadata in the plugin's session object. */
    meta?: SessionMeta;
  }
}

/** `POST /login` stores `value` under `key`; `GET /api/session` answers `body` or 401. */
function addSessionRoutes<Key extends 'data' | 'meta'>(
  app: FastifyInstance,
  key: Key,
  value: NonNullable<Session[Key]>,
  body: unknown,
): void {
  app.post('/login', (request) => {
    request.session.set(key, value);
    return { ok: true };
  });
  app.get('/api/session', async (request, reply) => {
    if (request.session.get(key) === undefined)
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
  addSessionRoutes(app, 'data', stored, stored.profile);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { url, cookie } = await signIn(app.server.address());
  return { url, cookie, close: () => app.close() };
}

type Done = (error?: unknown) => void;
interface Unsigned {
  valid: boolean;
  renew: boolean;
  value: string | null;
}

/** Remembers verified and produced signatures: the plugin unsigns and re-signs per request. */
class CachedSigner {
  private readonly signer = new Signer(SECRET, 'sha256');
  private readonly signed = new LRUCache<string, string>({ max: 10_000 });
  private readonly verified = new LRUCache<string, Unsigned>({ max: 10_000 });

  sign(value: string): string {
    const hit = this.signed.get(value);
    if (hit !== undefined) return hit;
    const signed = this.signer.sign(value);
    this.signed.set(value, signed);
    return signed;
  }

  unsign(input: string): Unsigned {
    const hit = this.verified.get(input);
    if (hit !== undefined) return hit;
    const result = this.signer.unsign(input);
    if (result.valid) this.verified.set(input, result);
    return result;
  }
}

/**
 * @fastify/session tuned as far as its options go, over the BFF's own in-process store: no
 * rolling, no saving of unchanged or empty sessions, 256-bit ids, cached cookie signatures,
 * and a session object holding only the metadata (tokens stay in the store's other part).
 */
export async function startTunedFastifySession(stored: StoredSession): Promise<Baseline> {
  const store = new MemorySessionStore({ maxEntries: 10_000 });
  const ttlMs = 3_600_000;
  const app: FastifyInstance = Fastify({ logger: false });
  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: new CachedSigner(),
    cookieName: 'sid',
    cookie: { secure: false, httpOnly: true, sameSite: 'lax', path: '/' },
    rolling: false,
    saveUninitialized: false,
    idGenerator: newSessionId,
    store: {
      get(id, callback) {
        store.getMeta(id).then((meta) => {
          callback(null, meta === undefined ? null : ({ meta } as unknown as Session));
        }, callback);
      },
      set(id, session, callback: Done) {
        const meta = session.meta;
        if (meta === undefined) {
          callback();
          return;
        }
        store.save(id, meta, stored.tokens, ttlMs).then(() => {
          callback();
        }, callback);
      },
      destroy(id, callback: Done) {
        store.destroy(id).then(() => {
          callback();
        }, callback);
      },
    },
  });
  const now = Date.now();
  const meta = {
    user: stored.profile.user,
    organization: stored.profile.organization,
    roles: stored.profile.roles,
    permissions: stored.profile.permissions,
    createdAt: now,
    lastSeenAt: now,
    absoluteExpiresAt: now + ttlMs,
    accessExpiresAt: now + ttlMs,
    refreshAt: now + ttlMs,
  } as SessionMeta;
  addSessionRoutes(app, 'meta', meta, stored.profile);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { url, cookie } = await signIn(app.server.address());
  return {
    url,
    cookie,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
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
