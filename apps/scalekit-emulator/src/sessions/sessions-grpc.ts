// SessionService's RPCs: read and revoke users' sessions (getSession, getUserSessions, revokeSession,
// revokeAllUserSessions), statuses in lower case as Scalekit returns them.
import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import type { ServiceImpl } from '@connectrpc/connect';
import type {
  RevokedSessionDetailsSchema,
  SessionDetailsSchema,
  SessionService,
} from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/sessions/sessions_pb.js';
import type { SessionDetails, UserSessions } from './user-sessions.js';
import { requireField } from '../grpc/refs.js';

type SessionMessage = MessageInitShape<typeof SessionDetailsSchema>;
type RevokedMessage = MessageInitShape<typeof RevokedSessionDetailsSchema>;

function optional(date: Date | null): Timestamp | undefined {
  return date === null ? undefined : timestampFromDate(date);
}

/** Fields shared by the full and the revoked view (the latter has no device and no organizations). */
function common(session: SessionDetails) {
  return {
    sessionId: session.sessionId,
    userId: session.userId,
    createdAt: timestampFromDate(session.createdAt),
    updatedAt: timestampFromDate(session.updatedAt),
    absoluteExpiresAt: timestampFromDate(session.absoluteExpiresAt),
    idleExpiresAt: optional(session.idleExpiresAt),
    expiredAt: optional(session.expiredAt),
    logoutAt: optional(session.logoutAt),
    status: session.status,
    lastActiveAt: timestampFromDate(session.lastActiveAt),
  };
}

function present(session: SessionDetails): SessionMessage {
  return {
    ...common(session),
    organizationId: session.organizationId ?? '',
    authenticatedOrganizations: session.authenticatedOrganizations,
    authenticatedClients: session.authenticatedClients,
    device: { ...session.device, location: {} },
  };
}

export function sessionRpcs(sessions: UserSessions): Partial<ServiceImpl<typeof SessionService>> {
  return {
    getSession(req) {
      return present(sessions.get(requireField(req.sessionId, 'session_id')));
    },
    getUserSessions(req) {
      const filter = req.filter;
      const page = sessions.listForUser(
        requireField(req.userId, 'user_id'),
        {
          statuses: filter?.status ?? [],
          startTime: filter?.startTime ? timestampDate(filter.startTime) : undefined,
          endTime: filter?.endTime ? timestampDate(filter.endTime) : undefined,
        },
        { pageSize: req.pageSize, pageToken: req.pageToken },
      );
      return {
        sessions: page.items.map(present),
        nextPageToken: page.nextPageToken,
        prevPageToken: '',
        totalSize: page.totalSize,
      };
    },
    revokeSession(req) {
      const revoked: RevokedMessage = common(
        sessions.revoke(requireField(req.sessionId, 'session_id')),
      );
      return { revokedSession: revoked };
    },
    revokeAllUserSessions(req) {
      const revoked = sessions.revokeAll(requireField(req.userId, 'user_id'));
      return { revokedSessions: revoked.map(common), totalRevoked: revoked.length };
    },
  };
}
