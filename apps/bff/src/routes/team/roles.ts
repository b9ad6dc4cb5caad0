// `GET /api/team/roles`: the roles an admin can grant in this organization.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { ListRolesResponseSchema, routes } from '@app/contracts';
import { requireSession } from '../../auth/guards.js';
import { callerOf, errorResponses } from './caller.js';
import { listRoles } from '../../team/roles.js';
import type { ScalekitGateway } from '../../team/scalekit-types.js';

export const roleRoutes: FastifyPluginCallbackZod<{ gateway: ScalekitGateway }> = (
  app,
  { gateway },
  done,
) => {
  app.get(
    routes.roles,
    {
      preHandler: requireSession,
      schema: {
        tags: ['team'],
        summary: 'List the roles of the organization',
        response: { 200: ListRolesResponseSchema, ...errorResponses(401) },
      },
    },
    async (request) => ({ roles: await listRoles(gateway, callerOf(request).organizationId) }),
  );
  done();
};
