// Reads, creates, rotates and ends server-side sessions. The cookie carries only a signed,
// opaque random id; idle and absolute timeouts are enforced here on every read, and the store
// is written at most once per touch interval so reads stay cheap.
import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/env.js';
import type { SessionStore } from './session-store.js';
import type { SessionMeta, SessionTokens } from './session-types.js';

const ROTATION_GRACE_MS = 30_000;
const EMPTY_TOKENS: SessionTokens = { accessToken: '', refreshToken: '', idToken: '' };

export interface ActiveSession {
  id: string;
  meta: SessionMeta;
}

/** Session id: 256 random bits, base64url. */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

export class SessionManager {
  readonly store: SessionStore;
  readonly cookieName: string;
  private readonly idleMs: number;
  private readonly absoluteMs: number;
  private readonly touchIntervalMs: number;
  private readonly secure: boolean;
  private readonly verifiedCookies = new LRUCache<string, string>({ max: 10_000 });

  constructor(store: SessionStore, config: AppConfig) {
    this.store = store;
    this.cookieName = config.session.cookieName;
    this.idleMs = config.session.idleTimeoutSeconds * 1000;
    this.absoluteMs = config.session.absoluteTimeoutSeconds * 1000;
    // Rewriting lastSeenAt on every request would cost a store write per read; once a minute
    // (or a tenth of the idle timeout when shorter) keeps the idle clock accurate enough.
    this.touchIntervalMs = Math.min(60_000, Math.floor(this.idleMs / 10));
    this.secure = config.session.secureCookie;
  }

  /** The verified session id from the cookie, or undefined (absent or bad signature). */
  sessionIdOf(request: FastifyRequest): string | undefined {
    const raw = request.cookies[this.cookieName];
    if (raw === undefined || raw === '') return undefined;
    // Only values whose signature verified enter this cache, so a hit is as good as an HMAC
    // check, and repeated requests of a session skip the HMAC.
    const cached = this.verifiedCookies.get(raw);
    if (cached !== undefined) return cached;
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid || unsigned.value === null) return undefined;
    this.verifiedCookies.set(raw, unsigned.value);
    return unsigned.value;
  }

  /** When the store may forget this session: the earlier of the idle and absolute ends. */
  private ttlMs(meta: SessionMeta, now: number): number {
    return Math.max(1, Math.min(meta.lastSeenAt + this.idleMs, meta.absoluteExpiresAt) - now);
  }

  idleExpiresAt(meta: SessionMeta): number {
    return Math.min(meta.lastSeenAt + this.idleMs, meta.absoluteExpiresAt);
  }

  /** Reads a session by id, following one rotation alias. */
  async resolve(id: string): Promise<ActiveSession | undefined> {
    const meta = await this.store.getMeta(id);
    if (meta === undefined) return undefined;
    if (meta.movedTo === undefined) return { id, meta };
    const moved = await this.store.getMeta(meta.movedTo);
    return moved === undefined || moved.movedTo !== undefined
      ? undefined
      : { id: meta.movedTo, meta: moved };
  }

  /**
   * The live session of this request when it is decided without waiting: the store reads in
   * process, the cookie names the session itself (no rotation alias) and the session is well
   * inside its timeouts with no idle touch due. Otherwise undefined, and the caller takes
   * `load`, which handles every case (absent, expired, alias, touch, Redis).
   */
  loadNow(request: FastifyRequest): ActiveSession | undefined {
    if (this.store.peekMeta === undefined) return undefined;
    const id = this.sessionIdOf(request);
    if (id === undefined) return undefined;
    const meta = this.store.peekMeta(id);
    if (meta === undefined || meta.movedTo !== undefined) return undefined;
    const now = Date.now();
    // The touch interval is at most a tenth of the idle timeout, so a session inside it is
    // not idle-expired either.
    if (now >= meta.absoluteExpiresAt || now - meta.lastSeenAt >= this.touchIntervalMs)
      return undefined;
    return { id, meta };
  }

  /** Loads the live session of this request; ends and forgets an expired one. */
  async load(request: FastifyRequest, reply: FastifyReply): Promise<ActiveSession | undefined> {
    const cookieId = this.sessionIdOf(request);
    if (cookieId === undefined) return undefined;
    const resolved = await this.resolve(cookieId);
    if (resolved === undefined) return undefined;
    const { id, meta } = resolved;
    if (id !== cookieId) this.setCookie(reply, id);
    const now = Date.now();
    if (now >= meta.absoluteExpiresAt || now >= meta.lastSeenAt + this.idleMs) {
      await this.store.destroy(id);
      this.clearCookie(reply);
      return undefined;
    }
    if (now - meta.lastSeenAt >= this.touchIntervalMs) {
      const touched: SessionMeta = { ...meta, lastSeenAt: now };
      await this.store.saveMeta(id, touched, this.ttlMs(touched, now));
      return { id, meta: touched };
    }
    return { id, meta };
  }

  /** Builds the timing fields of a session that starts now. */
  timesForNewSession(
    now: number,
  ): Pick<SessionMeta, 'createdAt' | 'lastSeenAt' | 'absoluteExpiresAt'> {
    return { createdAt: now, lastSeenAt: now, absoluteExpiresAt: now + this.absoluteMs };
  }

  /** Starts a session under a NEW id (never reusing the request's), and sets its cookie. */
  async create(reply: FastifyReply, meta: SessionMeta, tokens: SessionTokens): Promise<string> {
    const id = newSessionId();
    await this.store.save(id, meta, tokens, this.ttlMs(meta, Date.now()));
    this.setCookie(reply, id);
    return id;
  }

  /** Writes a changed session back (e.g. after a token refresh). */
  async save(id: string, meta: SessionMeta, tokens: SessionTokens): Promise<void> {
    await this.store.save(id, meta, tokens, this.ttlMs(meta, Date.now()));
  }

  /** Writes changed metadata back, keeping the tokens (e.g. a name the user just edited). */
  async saveMeta(id: string, meta: SessionMeta): Promise<void> {
    await this.store.saveMeta(id, meta, this.ttlMs(meta, Date.now()));
  }

  /**
   * Moves a session to a fresh id (when its roles change). The old id becomes an alias to the
   * new one for ROTATION_GRACE_MS, long enough for requests already in flight, and holds no
   * tokens. Returns the new id; the caller sets the cookie.
   */
  async moveTo(oldId: string, meta: SessionMeta, tokens: SessionTokens): Promise<string> {
    const id = newSessionId();
    await this.store.save(id, meta, tokens, this.ttlMs(meta, Date.now()));
    await this.store.save(oldId, { ...meta, movedTo: id }, EMPTY_TOKENS, ROTATION_GRACE_MS);
    return id;
  }

  async destroy(id: string, reply: FastifyReply): Promise<void> {
    await this.store.destroy(id);
    this.clearCookie(reply);
  }

  setCookie(reply: FastifyReply, id: string): void {
    void reply.setCookie(this.cookieName, id, {
      signed: true,
      httpOnly: true,
      secure: this.secure,
      sameSite: 'lax',
      path: '/',
      // A session cookie (no Max-Age): the server-side timeouts decide how long it lives.
    });
  }

  clearCookie(reply: FastifyReply): void {
    void reply.clearCookie(this.cookieName, {
      httpOnly: true,
      secure: this.secure,
      sameSite: 'lax',
      path: '/',
    });
  }
}
