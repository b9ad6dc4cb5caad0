// "Your sessions": the signed-in person's sessions on every device, as Scalekit knows them
// (device, browser, IP) joined with the app's own sessions on them (the app's last activity),
// and signing out one of them or all: Scalekit's session is revoked, then the app's sessions on
// it end in the shared store, so it holds on every BFF instance before the answer.
import type { OwnSession } from '@app/contracts';
import { AppError } from '../errors/app-error.js';
import type { SessionStore } from '../session/session-store.js';
import { toIso } from '../team/member-mapping.js';
import { isInvalidArgument, isNotFound } from '../team/scalekit-errors.js';
import type { ScalekitGateway } from '../team/scalekit-types.js';
import { membershipsOf } from './own-organizations.js';

/** More than anyone signs in from at once; the list is one page. */
const SESSIONS_PAGE_SIZE = 50;

export interface OwnSessionsDeps {
  store: SessionStore;
  gateway: ScalekitGateway;
}

/** Who asks: the user, and the Scalekit session behind the request's own session. */
export interface SessionOwner {
  userId: string;
  /** The request's Scalekit session, when its tokens name one. */
  currentScalekitSessionId: string | undefined;
}

/** One of the app's sessions of the user: its store id and what it holds. */
interface AppSession {
  id: string;
  tokenKey: string;
  lastSeenAt: number;
  scalekitSessionId: string | undefined;
}

/** The app's live sessions of the user in every organization they belong to. */
async function appSessionsOf({ store, gateway }: OwnSessionsDeps, userId: string) {
  const memberships = await membershipsOf(gateway, userId);
  const organizationIds = new Set(memberships.map((membership) => membership.organizationId));
  const ids = (
    await Promise.all([...organizationIds].map((orgId) => store.sessionsOf(userId, orgId)))
  ).flat();
  const found = await Promise.all(
    ids.map(async (id): Promise<AppSession | undefined> => {
      const [stored, tokens] = await Promise.all([store.load(id), store.getTokens(id)]);
      if (stored === undefined || stored.movedTo !== undefined) return undefined;
      return {
        id,
        tokenKey: stored.record.tokenKey,
        lastSeenAt: stored.record.lastSeenAt,
        scalekitSessionId: tokens?.scalekitSessionId,
      };
    }),
  );
  return {
    organizationIds,
    sessions: found.filter((session): session is AppSession => session !== undefined),
  };
}

function describeVersion(name: string, version: string): string {
  return [name, version.split('.')[0] ?? ''].filter((part) => part !== '').join(' ');
}

/** The user's active sessions, the current one first, then the most recently seen. */
export async function listOwnSessions(
  deps: OwnSessionsDeps,
  owner: SessionOwner,
): Promise<OwnSession[]> {
  const [scalekit, app] = await Promise.all([
    deps.gateway.call((client) =>
      client.session.getUserSessions(owner.userId, {
        pageSize: SESSIONS_PAGE_SIZE,
        filter: { status: ['active'] },
      }),
    ),
    appSessionsOf(deps, owner.userId),
  ]);
  const sessions = scalekit.sessions.map((session): OwnSession => {
    const device = session.device;
    const appSeen = app.sessions
      .filter((own) => own.scalekitSessionId === session.sessionId)
      .map((own) => own.lastSeenAt);
    const scalekitSeen = Date.parse(
      toIso(session.lastActiveAt) ?? toIso(session.createdAt) ?? new Date(0).toISOString(),
    );
    const location = device?.location;
    return {
      id: session.sessionId,
      current: session.sessionId === owner.currentScalekitSessionId,
      deviceType: device?.deviceType ?? 'other',
      browser: describeVersion(device?.browser ?? '', device?.browserVersion ?? ''),
      os: [device?.os ?? '', device?.osVersion ?? ''].filter((part) => part !== '').join(' '),
      ip: device?.ip ?? '',
      location: [location?.city ?? '', location?.region ?? '']
        .filter((part) => part !== '')
        .join(', '),
      createdAt: toIso(session.createdAt) ?? new Date(scalekitSeen).toISOString(),
      lastSeenAt: new Date(Math.max(scalekitSeen, ...appSeen)).toISOString(),
    };
  });
  return sessions.sort(
    (a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt),
  );
}

async function revokeAtScalekit(deps: OwnSessionsDeps, sessionId: string): Promise<void> {
  try {
    await deps.gateway.call((client) => client.session.revokeSession(sessionId));
  } catch (error) {
    // Already ended there (FailedPrecondition reaches us as invalid_argument): nothing to do.
    if (isNotFound(error) || isInvalidArgument(error)) return;
    throw error;
  }
}

/**
 * Signs out one of the user's sessions at Scalekit and the app's sessions on it in the store
 * (every instance). Another user's session, or an unknown one, is
 * 404 and nothing changes. Resolves how many app sessions ended.
 */
export async function signOutOwnSession(
  deps: OwnSessionsDeps,
  owner: SessionOwner,
  scalekitSessionId: string,
): Promise<number> {
  const notFound = new AppError('not_found', 'There is no such session of yours.');
  let ownerId: string;
  try {
    const details = await deps.gateway.call((client) =>
      client.session.getSession(scalekitSessionId),
    );
    ownerId = details.userId;
  } catch (error) {
    if (isNotFound(error) || isInvalidArgument(error)) throw notFound;
    throw error;
  }
  if (ownerId !== owner.userId) throw notFound;
  // Scalekit first: when it fails, nothing has changed and the person can simply try again.
  await revokeAtScalekit(deps, scalekitSessionId);
  const { sessions } = await appSessionsOf(deps, owner.userId);
  const behind = sessions.filter((session) => session.scalekitSessionId === scalekitSessionId);
  for (const session of behind) {
    await deps.store.dropTokens(session.tokenKey);
    await deps.store.end(session.id);
  }
  return behind.length;
}

/**
 * Signs the user out everywhere: every app session in every organization of theirs ends in the
 * store, then every Scalekit session of theirs is revoked. Resolves how many app sessions ended.
 */
export async function signOutEverywhere(deps: OwnSessionsDeps, userId: string): Promise<number> {
  // Scalekit first (its hosted session would otherwise sign the person straight back in); when
  // it fails, nothing has changed and the person can try again.
  await deps.gateway.call((client) => client.session.revokeAllUserSessions(userId));
  const memberships = await membershipsOf(deps.gateway, userId);
  const organizationIds = new Set(memberships.map((membership) => membership.organizationId));
  let ended = 0;
  for (const organizationId of organizationIds) {
    ended += (await deps.store.endSessionsOf(userId, organizationId)).count;
  }
  return ended;
}
