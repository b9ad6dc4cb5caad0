// Outbound webhooks: the endpoint an organization registers to hear about membership changes,
// the events it receives (signed with Standard Webhooks) and the log of every delivery.
import { z } from 'zod';
import {
  AuditActorSchema,
  AuditMemberStateSchema,
  AuditSeatLimitChangeSchema,
  AuditSourceSchema,
} from './audit.js';
import { IdSchema, IsoDateTimeSchema } from './common.js';

/** Longest endpoint URL accepted (what most proxies and receivers handle). */
export const WEBHOOK_URL_MAX_LENGTH = 2048;

/**
 * Types of event sent. Each recorded audit entry is announced; kinds without an entry here
 * (added later) are sent under their audit kind's own name.
 */
export const OUTBOUND_EVENT_TYPES = [
  'member.invited',
  'member.joined',
  'member.role_changed',
  'member.removed',
  'invitation.resent',
  'request.decided',
  'seats.limit_changed',
  'webhook.test',
] as const;

/** Body of every event (the JSON that the `webhook-signature` header signs). */
export const OutboundEventSchema = z.object({
  /** Also the `webhook-id` header: the same on every retry, so receivers can drop duplicates. */
  id: z.string(),
  type: z.string(),
  /** When the change happened. */
  timestamp: IsoDateTimeSchema,
  organizationId: IdSchema,
  data: z.object({
    /** The audit entry that recorded the change (absent on `webhook.test`). */
    auditEntryId: z.string().optional(),
    member: z.object({ userId: IdSchema.nullable(), email: z.string().nullable() }).optional(),
    actor: AuditActorSchema.optional(),
    source: AuditSourceSchema.optional(),
    before: AuditMemberStateSchema.nullable().optional(),
    after: AuditMemberStateSchema.nullable().optional(),
    seatLimit: AuditSeatLimitChangeSchema.optional(),
  }),
});
export type OutboundEvent = z.infer<typeof OutboundEventSchema>;

export const WebhookEndpointSchema = z.object({
  url: z.string(),
  /** `whsec_<base64>`: verify with Standard Webhooks or Scalekit's `verifyWebhookPayload`. */
  secret: z.string(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpointSchema>;

/** `GET /api/outbound-webhooks/endpoint` (admins): null until one is registered. */
export const GetWebhookEndpointResponseSchema = z.object({
  endpoint: WebhookEndpointSchema.nullable(),
});
export type GetWebhookEndpointResponse = z.infer<typeof GetWebhookEndpointResponseSchema>;

/** Body of `PUT /api/outbound-webhooks/endpoint`: registers the URL or moves it (same secret). */
export const PutWebhookEndpointBodySchema = z
  .object({
    url: z
      .string()
      .trim()
      .min(1, 'Enter the URL of your endpoint')
      .max(WEBHOOK_URL_MAX_LENGTH, `A URL has at most ${WEBHOOK_URL_MAX_LENGTH} characters`),
  })
  .strict();
export type PutWebhookEndpointBody = z.infer<typeof PutWebhookEndpointBodySchema>;

export const WebhookDeliveryStatusSchema = z.enum([
  'pending', // waiting for its first attempt or a retry (`nextAttemptAt`)
  'delivered', // the endpoint answered 2xx
  'failed', // every attempt failed, or the endpoint was removed
]);
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatusSchema>;

export const WebhookDeliverySchema = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  status: WebhookDeliveryStatusSchema,
  attempts: z.number().int().nonnegative(),
  /** HTTP status of the last attempt; null when none got an answer. */
  responseStatus: z.number().int().nullable(),
  /** Why the last attempt failed, in words (never the receiver's body). */
  lastError: z.string().nullable(),
  nextAttemptAt: IsoDateTimeSchema.nullable(),
  createdAt: IsoDateTimeSchema,
  deliveredAt: IsoDateTimeSchema.nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

export const WEBHOOK_DELIVERIES_PAGE_MAX = 100;

export const ListWebhookDeliveriesQuerySchema = z.object({
  pageSize: z.coerce.number().int().min(1).max(WEBHOOK_DELIVERIES_PAGE_MAX).default(50),
});
export type ListWebhookDeliveriesQuery = z.infer<typeof ListWebhookDeliveriesQuerySchema>;

/** `GET /api/outbound-webhooks/deliveries` (admins): the newest deliveries first. */
export const ListWebhookDeliveriesResponseSchema = z.object({
  deliveries: z.array(WebhookDeliverySchema),
});
export type ListWebhookDeliveriesResponse = z.infer<typeof ListWebhookDeliveriesResponseSchema>;
