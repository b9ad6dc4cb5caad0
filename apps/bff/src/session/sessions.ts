// Starts, rotates and ends the signed-in session of a request on top of @fastify/session,
// which restores `request.session` from the signed cookie and saves it when it changed.
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CachedCookieSigner } from './cookie-signer.js';
import type { SessionRecord, SessionTokens } from './session-record.js';
import type { SessionStore } from './session-store.js';
import type { SessionTimeouts } from './session-timeouts.js';

/** How long requests already in flight with a rotated id still reach the session. */
const ROTATION_GRACE_MS = 30_000;

/** Session ids and token keys: 256 random bits, base64url. */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

export interface SessionsOptions {
  store: SessionStore;
  timeouts: SessionTimeouts;
  signer: CachedCookieSigner;
  cookieName: string;
  secureCookie: boolean;
}

export class Sessions {
  readonly store: SessionStore;
  readonly timeouts: SessionTimeouts;
  readonly cookieName: string;
  private readonly signer: CachedCookieSigner;
  private readonly secure: boolean;

  constructor(options: SessionsOptions) {
    this.store = options.store;
    this.timeouts = options.timeouts;
    this.signer = options.signer;
    this.cookieName = options.cookieName;
    this.secure = options.secureCookie;
  }

  /** The cookie options @fastify/session sets its cookie with: no Max-Age, the server decides. */
  cookieOptions(): { httpOnly: true; secure: boolean; sameSite: 'lax'; path: '/' } {
    return { httpOnly: true, secure: this.secure, sameSite: 'lax', path: '/' };
  }

  /**
   * Signs `record` in under a NEW id (session fixation: whatever id the browser had is ended)
   * and keeps its tokens; the plugin saves the record and sets the cookie with the answer.
   */
  async start(
    request: FastifyRequest,
    record: SessionRecord,
    tokens: SessionTokens,
  ): Promise<void> {
    const previous = request.session.record;
    if (previous !== undefined) await this.store.dropTokens(previous.tokenKey);
    await this.store.putTokens(record.tokenKey, tokens, this.timeouts.tokensTtlMs(record));
    await request.session.regenerate();
    request.session.record = record;
  }

  /** Moves the session to a new id (its roles or organization changed), keeping its tokens. */
  async rotate(request: FastifyRequest, record: SessionRecord): Promise<void> {
    const oldId = request.session.sessionId;
    await request.session.regenerate();
    request.session.record = record;
    await request.session.save();
    await this.store.markMoved(oldId, request.session.sessionId, ROTATION_GRACE_MS);
  }

  /**
   * Rotates once however many requests of the session ask at the same moment: the first takes a
   * short lock and moves the session; the others serve the record as it is (its roles are
   * already the new ones) and their browsers follow the move on their next request.
   */
  async rotateOnce(request: FastifyRequest, record: SessionRecord): Promise<SessionRecord> {
    const fresh: SessionRecord = { ...record };
    delete fresh.rotate;
    const claim = await this.store.acquireLock(`rotate:${request.session.sessionId}`, 10_000);
    if (claim !== undefined) await this.rotate(request, fresh);
    return fresh;
  }

  /** Ends the request's session here (record and tokens) and expires its cookie. */
  async end(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const session = request.session as FastifyRequest['session'] | null;
    const record = session?.record;
    if (record !== undefined) await this.store.dropTokens(record.tokenKey);
    if (session?.movedTo !== undefined) await this.store.end(session.movedTo);
    if (session !== null) await session.destroy();
    this.clearCookie(reply);
  }

  /** Points the browser at the id its old cookie was rotated to. */
  setCookie(reply: FastifyReply, id: string): void {
    void reply.setCookie(this.cookieName, this.signer.sign(id), this.cookieOptions());
  }

  clearCookie(reply: FastifyReply): void {
    void reply.clearCookie(this.cookieName, this.cookieOptions());
  }
}
