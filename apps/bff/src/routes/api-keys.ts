// Organization API keys on the Settings page: admins list, create (the key is answered once) and
// revoke them. Sessions only: a key can never manage keys.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import {
  ApiKeyParamsSchema,
  ApiKeyResponseSchema,
  CreateApiKeyBodySchema,
  CreateApiKeyResponseSchema,
  ListApiKeysResponseSchema,
  routes,
} from '@app/contracts';
import { requireAdmin } from '../auth/guards.js';
import { callerOf, errorResponses } from './team/caller.js';

export const apiKeyRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  app.get(
    routes.apiKeys,
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['api-keys'],
        summary: "List the organization's API keys (never their secrets)",
        response: { 200: ListApiKeysResponseSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => ({ apiKeys: await app.apiKeys.list(callerOf(request).organizationId) }),
  );

  app.post(
    routes.apiKeys,
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key; the answer is the only time the key is shown',
        body: CreateApiKeyBodySchema,
        response: { 201: CreateApiKeyResponseSchema, ...errorResponses(401, 403, 422) },
      },
    },
    async (request, reply) => {
      const created = await app.apiKeys.create(
        { identity: callerOf(request), ip: request.ip },
        request.body,
      );
      return reply.code(201).send(created);
    },
  );

  app.post(
    routes.revokeApiKey(':keyId').replace('%3A', ':'),
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['api-keys'],
        summary: 'Revoke an API key: it stops working at once',
        params: ApiKeyParamsSchema,
        response: { 200: ApiKeyResponseSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => ({
      apiKey: await app.apiKeys.revoke(
        { identity: callerOf(request), ip: request.ip },
        request.params.keyId,
      ),
    }),
  );
  done();
};
