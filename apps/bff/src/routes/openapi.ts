// GET /api/openapi.json: the OpenAPI 3.1 document generated from the routes' zod contracts.
import type { FastifyPluginAsync } from 'fastify';
import { routes } from '@app/contracts';

export const openapiRoutes: FastifyPluginAsync = (app) => {
  app.get(routes.openapi, { schema: { hide: true } }, async () => {
    await app.ready();
    return app.swagger();
  });
  return Promise.resolve();
};
