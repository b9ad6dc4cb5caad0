// Team management routes under /api/team: members, roles, invitations, live events.
import type { FastifyPluginAsync } from 'fastify';

export const teamRoutes: FastifyPluginAsync = async () => {
  // Routes are registered in the following commits.
};
