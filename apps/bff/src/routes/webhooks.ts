// Receiver of Scalekit's Standard Webhooks at /api/webhooks/scalekit. The body is kept as the
// raw string it arrived as, the signature and timestamp window are verified on it (SDK's
// verifyWebhookPayload) before anything is parsed, replays of a seen `webhook-id` are
// acknowledged and ignored, and membership changes go to the member index and the live team
// event hub.
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { WebhookVerificationError } from '@scalekit-sdk/node';
import { ErrorBodySchema, routes } from '@app/contracts';
import type { AppConfig } from '../config/env.js';
import { recordWebhookChange } from '../audit/webhook-audit.js';
import { AppError } from '../errors/app-error.js';
import { keepBodyAsSigned, signedParts } from './signed-body.js';
import { createRedisClient } from '../session/redis-store.js';
import { endMemberAccess, syncMemberAccess } from '../team/member-access.js';
import { MemoryReplayGuard, RedisReplayGuard, type ReplayGuard } from '../team/replay-guard.js';
import { teamEventHubOf } from '../team/team-events-plugin.js';
import { membershipChangeOf, teamEventFor, WebhookEnvelopeSchema } from '../team/webhook-events.js';

export interface WebhookRoutesOptions {
  /** `scalekit.webhookSecret` (without one every delivery is refused) and `redisUrl` (to share
   * seen webhook ids across instances; in-process memory otherwise). */
  config?: Pick<AppConfig, 'redisUrl'> & { scalekit: Pick<AppConfig['scalekit'], 'webhookSecret'> };
}

/** Scalekit's payloads are small; anything larger is not a webhook of ours. */
const WEBHOOK_MAX_BYTES = 256 * 1024;
const SIGNATURE_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

function invalid(message: string): AppError {
  return new AppError('invalid_webhook', message);
}

function createReplayGuard(app: FastifyInstance, redisUrl: string | undefined): ReplayGuard {
  if (redisUrl === undefined) return new MemoryReplayGuard();
  const redis = createRedisClient(redisUrl);
  redis.on('error', () => undefined);
  app.addHook('onClose', () => {
    redis.disconnect();
  });
  return new RedisReplayGuard(redis);
}

export const webhookRoutes: FastifyPluginCallbackZod<WebhookRoutesOptions> = (
  app,
  options,
  done,
) => {
  const secret = options.config?.scalekit.webhookSecret;
  if (secret === undefined)
    app.log.warn('SCALEKIT_WEBHOOK_SECRET is not set: webhooks will be refused');
  const replays = createReplayGuard(app, options.config?.redisUrl);
  const gateway = { call: app.callScalekit };
  const hub = teamEventHubOf(app, { redisUrl: options.config?.redisUrl });

  keepBodyAsSigned(app, WEBHOOK_MAX_BYTES);

  app.post(
    routes.webhooks,
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Scalekit webhook receiver (Standard Webhooks signatures)',
        response: {
          204: z.null().describe('Accepted (or a replay, ignored)'),
          400: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const { raw, headers } = signedParts(request, SIGNATURE_HEADERS);
      if (secret === undefined) throw invalid('Webhooks are not configured.');
      try {
        app.scalekit.verifyWebhookPayload(secret, headers, raw);
      } catch (error) {
        if (error instanceof WebhookVerificationError)
          throw invalid('The webhook signature is not valid.');
        throw error;
      }
      // Verified, so webhook-id is present and authentic.
      const webhookId = headers['webhook-id'] ?? '';
      if (!(await replays.firstSeen(webhookId))) {
        request.log.info({ webhookId }, 'ignored a replayed webhook');
        return reply.code(204).send(null);
      }
      try {
        let json: unknown;
        try {
          json = JSON.parse(raw);
        } catch {
          throw invalid('The webhook body is not JSON.');
        }
        const envelope = WebhookEnvelopeSchema.safeParse(json);
        if (!envelope.success) throw invalid('The webhook body is not a Scalekit event.');
        const change = membershipChangeOf(envelope.data);
        if (change !== undefined) {
          // A change made at Scalekit (dashboard, API) ends or updates access at once too.
          const { organizationId, userId } = change;
          const access = { sessions: app.sessions.store, gateway, log: request.log };
          if (change.type === 'member.removed')
            await endMemberAccess(access, organizationId, userId);
          if (change.type === 'member.updated')
            await syncMemberAccess(access, organizationId, userId);
          const event = await teamEventFor(gateway, change);
          // The member index learns of changes made outside the app (dashboard, other apps).
          if (event.member === undefined)
            await app.memberIndex.recordRemoval(organizationId, userId);
          else await app.memberIndex.recordMember(organizationId, event.member);
          await hub.publish(organizationId, event);
        }
        await recordWebhookChange(app.auditStore, json, webhookId);
        request.log.info({ webhookId, type: envelope.data.type }, 'webhook handled');
        return await reply.code(204).send(null);
      } catch (error) {
        // Not handled after all: let the sender's retry through the replay guard.
        if (!(error instanceof AppError && error.code === 'invalid_webhook'))
          await replays.forget(webhookId);
        throw error;
      }
    },
  );
  done();
};
