// Route guards: `requireSession` (401 JSON, never a redirect; refreshes the access token when
// it is near expiry) and `requireAdmin` (403). Both set `request.identity` for the handler.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.js';
import type { SessionMeta } from '../session/session-types.js';

export interface Identity {
  userId: string;
  organizationId: string;
  email: string;
  name: string;
  roles: string[];
  permissions: string[];
  isAdmin: boolean;
}

export interface RequestSession {
  id: string;
  meta: SessionMeta;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by requireSession; undefined on routes without it. */
    identity: Identity | undefined;
    /** The live session behind `identity` (id and metadata), set by requireSession. */
    activeSession: RequestSession | undefined;
  }
}

export const ADMIN_ROLE = 'admin';

export function identityOf(meta: SessionMeta): Identity {
  return {
    userId: meta.user.id,
    organizationId: meta.organization.id,
    email: meta.user.email,
    name: meta.user.name,
    roles: meta.roles,
    permissions: meta.permissions,
    isAdmin: meta.roles.includes(ADMIN_ROLE),
  };
}

function unauthenticated(): AppError {
  return new AppError('unauthenticated', 'Sign in to continue.');
}

export async function requireSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const { sessions, tokenRefresher } = request.server;
  const loaded = await sessions.load(request, reply);
  if (loaded === undefined) throw unauthenticated();
  let { id, meta } = loaded;
  if (tokenRefresher.needsRefresh(meta)) {
    try {
      const outcome = await tokenRefresher.ensureFresh(id, meta);
      if (outcome.status === 'ended') {
        sessions.clearCookie(reply);
        throw unauthenticated();
      }
      if (outcome.status === 'refreshed' && outcome.id !== id)
        sessions.setCookie(reply, outcome.id);
      if (outcome.status === 'refreshed') id = outcome.id;
      meta = outcome.meta;
    } catch (error) {
      // Scalekit is unreachable but the access token is still valid: serve the request and
      // try again on the next one, rather than failing while nothing is wrong yet.
      const stillValid = Date.now() < meta.accessExpiresAt;
      if (!(error instanceof AppError && error.code === 'identity_unavailable' && stillValid))
        throw error;
    }
  }
  request.activeSession = { id, meta };
  request.identity = identityOf(meta);
}

/**
 * `requireSession` as a callback hook for hot routes: a live in-process session with a fresh
 * access token is accepted synchronously (no promise, no extra tick); every other case (no or
 * bad cookie, expiry, idle touch, refresh, Redis) runs `requireSession` itself.
 */
export function requireSessionHook(
  request: FastifyRequest,
  reply: FastifyReply,
  done: (error?: Error) => void,
): void {
  const live = request.server.sessions.loadNow(request);
  if (live !== undefined && !request.server.tokenRefresher.needsRefresh(live.meta)) {
    request.activeSession = live;
    request.identity = identityOf(live.meta);
    done();
    return;
  }
  requireSession(request, reply).then(
    () => {
      done();
    },
    (error: unknown) => {
      done(error instanceof Error ? error : new Error(String(error)));
    },
  );
}

export async function requireAdmin(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.identity === undefined) await requireSession(request, reply);
  if (request.identity?.isAdmin !== true) {
    throw new AppError('forbidden', 'Only an organization admin can do this.');
  }
}
