// Team management routes under /api/team: members, roles, invitations (single and bulk), seats,
// live events. The organization always comes from the session (request.identity), never from input.
import type { FastifyPluginAsync } from 'fastify';
import { createRedisClient } from '../../session/redis-store.js';
import {
  PostgresOrganizationLock,
  ProcessOrganizationLock,
  RedisOrganizationLock,
  type OrganizationLock,
} from '../../team/organization-lock.js';
import type { ScalekitGateway } from '../../team/scalekit-types.js';
import { toTeamError } from '../../team/team-errors.js';
import { accessReviewRoutes } from './access-review.js';
import { bulkInvitationRoutes } from './bulk-invitations.js';
import { teamEventRoutes } from './events.js';
import { invitationRoutes } from './invitations.js';
import { memberRoutes } from './members.js';
import { roleRoutes } from './roles.js';
import { seatRoutes } from './seats.js';

export interface TeamRoutesOptions {
  bulkConcurrency?: number | undefined;
  sseHeartbeatMs?: number | undefined;
  sseMaxStreamMs?: number | undefined;
  /** Shared by every instance: the last-admin rule then holds across them. */
  redisUrl?: string | undefined;
}

export const teamRoutes: FastifyPluginAsync<TeamRoutesOptions> = async (app, options) => {
  const gateway: ScalekitGateway = { call: app.callScalekit };
  // Scalekit refusals not handled by a route become contract codes, then the app's handler answers.
  app.setErrorHandler((error) => {
    throw toTeamError(error);
  });
  let lock: OrganizationLock = new ProcessOrganizationLock();
  if (options.redisUrl !== undefined) {
    const redis = createRedisClient(options.redisUrl);
    redis.on('error', () => undefined);
    app.addHook('onClose', () => {
      redis.disconnect();
    });
    lock = new RedisOrganizationLock(redis);
  } else if (app.database.engine === 'postgres') {
    // Several instances may share the database without Redis: the lock lives there instead.
    lock = new PostgresOrganizationLock(app.database.db);
  }
  const index = app.memberIndex;
  await app.register(memberRoutes, { gateway, lock, index, sessions: app.sessions.store });
  await app.register(roleRoutes, { gateway });
  await app.register(invitationRoutes, { gateway, index });
  await app.register(bulkInvitationRoutes, {
    gateway,
    index,
    concurrency: options.bulkConcurrency,
  });
  await app.register(accessReviewRoutes, { gateway });
  await app.register(seatRoutes, { gateway, index });
  await app.register(teamEventRoutes, {
    heartbeatMs: options.sseHeartbeatMs,
    maxStreamMs: options.sseMaxStreamMs,
  });
};
