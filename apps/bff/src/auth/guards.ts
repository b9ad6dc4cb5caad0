// Route guards: `requireSession` (401 JSON, never a redirect; enforces the timeouts, touches
// the idle clock, refreshes the access token when it is near expiry and rotates the id after a
// role change) and `requireAdmin` (403). Both set `request.identity` for the handler.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.js';
import type { SessionRecord } from '../session/session-record.js';

export interface Identity {
  userId: string;
  organizationId: string;
  email: string;
  name: string;
  roles: string[];
  permissions: string[];
  isAdmin: boolean;
  /** Set when another system calls with an organization API key instead of a session. */
  apiKey?: { id: string; name: string; scopes: readonly string[] } | undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by requireSession; undefined on routes without it. */
    identity: Identity | undefined;
  }
}

export const ADMIN_ROLE = 'admin';

export function identityOf(record: SessionRecord): Identity {
  return {
    userId: record.user.id,
    organizationId: record.organization.id,
    email: record.user.email,
    name: record.user.name,
    roles: record.roles,
    permissions: record.permissions,
    isAdmin: record.roles.includes(ADMIN_ROLE),
  };
}

function unauthenticated(): AppError {
  return new AppError('unauthenticated', 'Sign in to continue.');
}

/** Brings the request's session up to date, or refuses the request with 401. */
async function liveRecord(request: FastifyRequest, reply: FastifyReply): Promise<SessionRecord> {
  const { sessions, tokenRefresher } = request.server;
  const session = request.session;
  let record = session.record;
  if (session.storeUnavailable === true) {
    throw new AppError('session_store_unavailable', 'The session store is unavailable.');
  }
  if (record === undefined) throw unauthenticated();
  // The cookie names an id rotated a moment ago: serve the session it moved to, write nothing
  // under the old id, and hand the browser the new one.
  const movedTo = session.movedTo;
  const now = Date.now();
  const state = sessions.timeouts.stateOf(record, now);
  if (state === 'expired') {
    await sessions.end(request, reply);
    throw unauthenticated();
  }
  if (movedTo !== undefined) sessions.setCookie(reply, movedTo);
  else if (state === 'touch') record = { ...record, lastSeenAt: now };
  if (tokenRefresher.needsRefresh(record, now)) {
    try {
      const outcome = await tokenRefresher.ensureFresh(movedTo ?? session.sessionId, record);
      if (outcome.status === 'ended') {
        await sessions.end(request, reply);
        throw unauthenticated();
      }
      record = outcome.record;
    } catch (error) {
      // Scalekit is unreachable but the access token is still valid: serve the request and
      // try again on the next one, rather than failing while nothing is wrong yet.
      const stillValid = Date.now() < record.accessExpiresAt;
      if (!(error instanceof AppError && error.code === 'identity_unavailable' && stillValid))
        throw error;
    }
  }
  if (movedTo !== undefined) return record;
  // The roles changed (an admin's change, or the refreshed token): a new id (session fixation).
  if (record.rotate === true) return sessions.rotateOnce(request, record);
  // Saved by @fastify/session only when it changed (an idle touch, a refresh).
  session.record = record;
  return record;
}

export async function requireSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  // Authenticated by an API key already (src/api-keys/api-key-auth.ts): no session to read.
  if (request.identity?.apiKey !== undefined) return;
  request.identity = identityOf(await liveRecord(request, reply));
}

/**
 * `requireSession` as a callback hook for hot routes: a live session with a fresh access token
 * and nothing to write is accepted synchronously (no promise, no extra tick); every other case
 * (no or bad cookie, expiry, idle touch, refresh, rotation) runs `requireSession` itself.
 */
export function requireSessionHook(
  request: FastifyRequest,
  reply: FastifyReply,
  done: (error?: Error) => void,
): void {
  const { sessions, tokenRefresher } = request.server;
  const session = request.session;
  const record = session.record;
  const now = Date.now();
  if (request.identity?.apiKey !== undefined) {
    done();
    return;
  }
  if (
    record !== undefined &&
    session.movedTo === undefined &&
    record.rotate === undefined &&
    sessions.timeouts.stateOf(record, now) === 'live' &&
    !tokenRefresher.needsRefresh(record, now)
  ) {
    request.identity = identityOf(record);
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
