// The audit log for admins: `GET /api/audit` (filters, newest first, cursor paging) and
// `GET /api/audit/export.csv` (the same filters, the whole log, streamed). The organization is
// always the caller's own.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import {
  AuditFilterQuerySchema,
  ListAuditQuerySchema,
  ListAuditResponseSchema,
  routes,
} from '@app/contracts';
import { auditCsvLines, listAudit } from '../audit/audit-log.js';
import { requireAdmin } from '../auth/guards.js';
import { sendCsvDownload } from './csv-download.js';
import { callerOf, errorResponses } from './team/caller.js';

export const auditRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  app.get(
    routes.audit,
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['audit'],
        summary: "The organization's audit log, newest first",
        querystring: ListAuditQuerySchema,
        response: { 200: ListAuditResponseSchema, ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => listAudit(app.auditStore, callerOf(request).organizationId, request.query),
  );

  app.get(
    routes.auditExport,
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['audit'],
        summary: 'The audit log as CSV (text/csv; formulas neutralised)',
        querystring: AuditFilterQuerySchema,
        response: errorResponses(401, 403, 422),
      },
    },
    async (request, reply) =>
      sendCsvDownload(
        reply,
        'audit-log.csv',
        auditCsvLines(app.auditStore, callerOf(request).organizationId, request.query),
      ),
  );
  done();
};
