// Receiver of Scalekit's Standard Webhooks at /api/webhooks/scalekit.
import type { FastifyPluginAsync } from 'fastify';

export const webhookRoutes: FastifyPluginAsync = async () => {
  // The receiver is registered in the following commits.
};
