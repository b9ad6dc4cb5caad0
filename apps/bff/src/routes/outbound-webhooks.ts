// Outbound webhooks for admins: read, register or move, and remove the organization's endpoint,
// queue a test event, and read the delivery log. The organization is always the caller's own.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  GetWebhookEndpointResponseSchema,
  ListWebhookDeliveriesQuerySchema,
  ListWebhookDeliveriesResponseSchema,
  PutWebhookEndpointBodySchema,
  WebhookDeliverySchema,
  WebhookEndpointSchema,
  routes,
} from '@app/contracts';
import { requireAdmin } from '../auth/guards.js';
import { callerOf, errorResponses } from './team/caller.js';

export const outboundWebhookRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  const tags = ['outbound-webhooks'];

  app.get(
    routes.webhookEndpoint,
    {
      preHandler: requireAdmin,
      schema: {
        tags,
        summary: "The organization's webhook endpoint and its signing secret",
        response: { 200: GetWebhookEndpointResponseSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => ({
      endpoint: await app.webhookEndpoints.get(callerOf(request).organizationId),
    }),
  );

  app.put(
    routes.webhookEndpoint,
    {
      preHandler: requireAdmin,
      schema: {
        tags,
        summary: 'Register the webhook endpoint, or move it to another URL (same secret)',
        body: PutWebhookEndpointBodySchema,
        response: { 200: WebhookEndpointSchema, ...errorResponses(401, 403, 422) },
      },
    },
    async (request) =>
      app.webhookEndpoints.save(callerOf(request).organizationId, request.body.url),
  );

  app.delete(
    routes.webhookEndpoint,
    {
      preHandler: requireAdmin,
      schema: {
        tags,
        summary: 'Remove the webhook endpoint (pending deliveries fail)',
        response: { 204: z.null(), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await app.webhookEndpoints.remove(callerOf(request).organizationId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    routes.webhookTestEvent,
    {
      preHandler: requireAdmin,
      schema: {
        tags,
        summary: 'Queue a `webhook.test` event to the endpoint',
        response: { 202: WebhookDeliverySchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(await app.webhookEndpoints.sendTestEvent(callerOf(request).organizationId)),
  );

  app.get(
    routes.webhookDeliveries,
    {
      preHandler: requireAdmin,
      schema: {
        tags,
        summary: 'The delivery log, newest first',
        querystring: ListWebhookDeliveriesQuerySchema,
        response: { 200: ListWebhookDeliveriesResponseSchema, ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => ({
      deliveries: await app.webhookStore.listDeliveries(
        callerOf(request).organizationId,
        request.query.pageSize,
      ),
    }),
  );
  done();
};
