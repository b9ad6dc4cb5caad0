// `GET /api/team/seats` and `PUT /api/team/seats`: an admin reads the organization's seat usage
// against its limit and changes the limit. Every change is recorded in the audit log.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { SeatUsageSchema, UpdateSeatLimitBodySchema, routes } from '@app/contracts';
import { requireAdmin } from '../../auth/guards.js';
import { readSeatLimit, writeSeatLimit } from '../../seats/seat-limit.js';
import { readSeatUsage } from '../../seats/seat-usage.js';
import type { MemberIndex } from '../../member-index/member-index.js';
import type { ScalekitGateway } from '../../team/scalekit-types.js';
import { callerOf, errorResponses } from './caller.js';

export const seatRoutes: FastifyPluginCallbackZod<{
  gateway: ScalekitGateway;
  index: MemberIndex;
}> = (app, { gateway, index }, done) => {
  app.get(
    routes.seats,
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['team'],
        summary: 'Seats used against the organization seat limit',
        response: { 200: SeatUsageSchema, ...errorResponses(401, 403, 503) },
      },
    },
    async (request) => readSeatUsage(gateway, index, callerOf(request).organizationId),
  );

  app.put(
    routes.seats,
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['team'],
        summary: 'Change the organization seat limit (null: no limit)',
        body: UpdateSeatLimitBodySchema,
        response: { 200: SeatUsageSchema, ...errorResponses(401, 403, 422, 503) },
      },
    },
    async (request) => {
      const { organizationId } = callerOf(request);
      const before = await readSeatLimit(gateway, organizationId);
      const after = request.body.limit;
      if (before !== after) {
        await writeSeatLimit(gateway, organizationId, after);
        await app.teamAudit.recordSeatLimit(request, { before, after });
      }
      return readSeatUsage(gateway, index, organizationId);
    },
  );
  done();
};
