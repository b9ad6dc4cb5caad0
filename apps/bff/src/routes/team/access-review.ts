// `GET /api/team/access-review.csv`: every member with role, status, inviter, invitation time
// and last sign-in, for an admin's periodic access review. Streamed page by page.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { routes } from '@app/contracts';
import { requireAdmin } from '../../auth/guards.js';
import { accessReviewLines } from '../../team/access-review.js';
import type { ScalekitGateway } from '../../team/scalekit-types.js';
import { sendCsvDownload } from '../csv-download.js';
import { callerOf, errorResponses } from './caller.js';

export const accessReviewRoutes: FastifyPluginCallbackZod<{ gateway: ScalekitGateway }> = (
  app,
  { gateway },
  done,
) => {
  app.get(
    routes.accessReview,
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['team'],
        summary: 'Access review of every member as CSV (text/csv; formulas neutralised)',
        response: errorResponses(401, 403),
      },
    },
    async (request, reply) =>
      sendCsvDownload(
        reply,
        'access-review.csv',
        accessReviewLines(gateway, callerOf(request).organizationId),
      ),
  );
  done();
};
