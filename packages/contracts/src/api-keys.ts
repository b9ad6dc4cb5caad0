// Organization API keys: what an admin creates on the Settings page and what another system
// (a CRM, an HR tool) sends as `Authorization: Bearer <key>` to call the team routes.
import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema } from './common.js';

/** Every key starts with this, so a leaked key is recognisable (secret scanners, logs). */
export const API_KEY_PREFIX = 'tsk_live_';

/** The whole key as shown once: the prefix then 43 base64url characters (256 random bits). */
export const API_KEY_PATTERN = /^tsk_live_[A-Za-z0-9_-]{43}$/;

/** Header that makes an invite safe to retry: the same key and body within 24 h answer once. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Printable ASCII without spaces, like the UUIDs and ULIDs clients usually send. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
export const IDEMPOTENCY_WINDOW_HOURS = 24;

export const ApiKeyScopeSchema = z.enum([
  'members:read', // list and search members, read the roles
  'members:invite', // invite (single and bulk, with its preview), resend an invitation
  'members:write', // change a member's role, revoke an invitation or remove a member
]);
export type ApiKeyScope = z.infer<typeof ApiKeyScopeSchema>;

export const ApiKeyStatusSchema = z.enum(['active', 'expired', 'revoked']);
export type ApiKeyStatus = z.infer<typeof ApiKeyStatusSchema>;

export const ApiKeySchema = z.object({
  id: IdSchema,
  name: z.string(),
  /** The key's first characters (`tsk_live_AbCd`), enough to tell keys apart; never the secret. */
  hint: z.string(),
  scopes: z.array(ApiKeyScopeSchema),
  status: ApiKeyStatusSchema,
  createdAt: IsoDateTimeSchema,
  createdBy: z.object({ userId: IdSchema, email: z.string() }),
  expiresAt: IsoDateTimeSchema.nullable(),
  lastUsedAt: IsoDateTimeSchema.nullable(),
  revokedAt: IsoDateTimeSchema.nullable(),
});
export type ApiKey = z.infer<typeof ApiKeySchema>;

export const API_KEY_NAME_MAX = 64;

export const CreateApiKeyBodySchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Name the key')
    .max(API_KEY_NAME_MAX, `At most ${String(API_KEY_NAME_MAX)} characters`)
    .regex(/^[^\p{Cc}]*$/u, 'Control characters are not allowed'),
  scopes: z
    .array(ApiKeyScopeSchema)
    .min(1, 'Choose at least one scope')
    .refine((scopes) => new Set(scopes).size === scopes.length, 'Each scope once'),
  /** When the key stops working; null or absent: never. Must be in the future. */
  expiresAt: IsoDateTimeSchema.nullable().optional(),
});
export type CreateApiKeyBody = z.infer<typeof CreateApiKeyBodySchema>;

export const CreateApiKeyResponseSchema = z.object({
  apiKey: ApiKeySchema,
  /** The whole key: shown once, never stored or answered again. */
  secret: z.string(),
});
export type CreateApiKeyResponse = z.infer<typeof CreateApiKeyResponseSchema>;

export const ListApiKeysResponseSchema = z.object({
  /** Newest first. */
  apiKeys: z.array(ApiKeySchema),
});
export type ListApiKeysResponse = z.infer<typeof ListApiKeysResponseSchema>;

export const ApiKeyParamsSchema = z.object({ keyId: IdSchema });

export const ApiKeyResponseSchema = z.object({ apiKey: ApiKeySchema });
export type ApiKeyResponse = z.infer<typeof ApiKeyResponseSchema>;
