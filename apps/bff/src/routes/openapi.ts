// GET /api/openapi.json: the OpenAPI 3.1 document generated from the routes' zod contracts.
import type { FastifyPluginAsync } from 'fastify';
import { routes } from '@app/contracts';

export const openapiRoutes: FastifyPluginAsync = (app) => {
  // Routes are all registered once the app is ready; the document is built once, then served.
  let document: unknown;
  app.get(routes.openapi, { schema: { hide: true } }, () => {
    document ??= app.swagger();
    return document;
  });
  return Promise.resolve();
};
