// GET /api/openapi.json: the OpenAPI 3.1 document generated from the routes' zod contracts, with
// the routes other systems may call with an organization API key marked as such.
import type { FastifyPluginAsync } from 'fastify';
import type { OpenAPIV3_1 } from 'openapi-types';
import { API_KEY_PREFIX, routes } from '@app/contracts';
import { isIdempotentRoute, keyRoutes } from '../api-keys/api-key-scopes.js';

/** The Bearer scheme of organization API keys, beside the session cookie's. */
export const apiKeySecurityScheme = {
  apiKey: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: `${API_KEY_PREFIX}…`,
    description:
      'An organization API key, created by an admin on the Settings page, sent server to server ' +
      'as `Authorization: Bearer <key>` (never with a session cookie; no X-CSRF header needed). ' +
      'Each route names the scope it needs; a key without it gets 403 `insufficient_scope`, an ' +
      'unknown, expired or revoked key 401 `invalid_api_key`. Requests are rate limited per key.',
  },
} as const;

const idempotencyKeyParameter: OpenAPIV3_1.ParameterObject = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'With an API key: a retry with the same key and the same body within 24 hours answers ' +
    'the first answer again (header `Idempotent-Replayed: true`) and invites once; the same key ' +
    'with another body answers 422 `idempotency_key_reused`.',
  schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
};

/** Marks the key routes: who may call them (session or key with a scope), and Idempotency-Key. */
function withApiKeyRoutes(document: OpenAPIV3_1.Document): OpenAPIV3_1.Document {
  for (const { method, url, scope } of keyRoutes()) {
    const path = url.replace(/:(\w+)/g, '{$1}');
    const operations = document.paths?.[path] as
      Record<string, OpenAPIV3_1.OperationObject | undefined> | undefined;
    const operation = operations?.[method.toLowerCase()];
    if (operation === undefined) continue;
    operation.security = [{ session: [] }, { apiKey: [scope] }];
    operation.description =
      `${operation.description ?? ''}\n\nWith an API key: needs the \`${scope}\` scope.`.trim();
    if (isIdempotentRoute(method, url)) {
      operation.parameters = [...(operation.parameters ?? []), idempotencyKeyParameter];
    }
  }
  return document;
}

export const openapiRoutes: FastifyPluginAsync = (app) => {
  // Routes are all registered once the app is ready; the document is built once, then served.
  let document: unknown;
  app.get(routes.openapi, { schema: { hide: true } }, () => {
    document ??= withApiKeyRoutes(app.swagger() as OpenAPIV3_1.Document);
    return document;
  });
  return Promise.resolve();
};
