// Builds the BFF as one Fastify app: third-party plugins first, then the app's own plugins,
// then routes by area. `server.ts` only listens; tests build the app and drive it over HTTP.
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import type { AppConfig } from './config/env.js';
import { lazyChildLoggerFactory } from './config/lazy-child-logger.js';
import { answerClientError, answerFrameworkError } from './errors/framework-errors.js';
import { loggerOptions } from './config/logger.js';
import database from './plugins/database.js';
import memberIndex from './plugins/member-index.js';
import errorHandler from './plugins/error-handler.js';
import rateLimits from './plugins/rate-limits.js';
import scalekit from './plugins/scalekit.js';
import security from './plugins/security.js';
import session, { createSessionStore } from './plugins/session.js';
import auth from './auth/auth-plugin.js';
import audit from './audit/audit-plugin.js';
import apiKeyAuth from './api-keys/api-key-auth-plugin.js';
import outboundWebhooks from './outbound-webhooks/outbound-webhooks-plugin.js';
import shutdown from './plugins/shutdown.js';
import teamEvents from './team/team-events-plugin.js';
import web from './plugins/web.js';
import { apiKeyRoutes } from './routes/api-keys.js';
import policies from './policies/policies-plugin.js';
import mail from './mail/mail-plugin.js';
import requests from './requests/requests-plugin.js';
import { auditRoutes } from './routes/audit.js';
import { authRoutes } from './routes/auth.js';
import { healthRoutes } from './routes/health.js';
import { apiKeySecurityScheme, openapiRoutes } from './routes/openapi.js';
import { profileRoutes } from './routes/profile.js';
import { requestRoutes } from './routes/requests.js';
import { sessionRoutes } from './routes/session.js';
import { teamRoutes, type TeamRoutesOptions } from './routes/team/index.js';
import { webhookRoutes } from './routes/webhooks.js';
import { interceptorRoutes, policyRoutes } from './routes/policies.js';
import { outboundWebhookRoutes } from './routes/outbound-webhooks.js';

export interface BuildAppOptions {
  /** Where log lines go (tests capture them to scan for secrets); stdout by default. */
  logStream?: DestinationStream;
  /** Observes every refresh grant the BFF sends to Scalekit. */
  onRefreshGrant?: (sessionId: string) => void;
  /** Tuning of the team routes (bulk concurrency, SSE timings); defaults suit production. */
  team?: TeamRoutesOptions;
}

export async function buildApp(
  config: AppConfig,
  options: BuildAppOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config, options.logStream),
    childLoggerFactory: lazyChildLoggerFactory,
    trustProxy: config.server.trustProxy,
    bodyLimit: 1024 * 1024,
    // The shutdown plugin answers requests that arrive while closing, in the contracts' shape.
    return503OnClosing: false,
    // Errors before routing answer `{code, message}` too, without quoting the request.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const store = await createSessionStore(config);

  // Third-party plugins.
  await app.register(cookie, { secret: config.session.secret, hook: 'onRequest' });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Teamspace BFF',
        version: '1.0.0',
        description: 'Backend-for-frontend of the SPA: sign-in, session, team management.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: config.session.cookieName },
          ...apiKeySecurityScheme,
        },
      },
    },
    transform: jsonSchemaTransform,
  });

  // The app's own plugins.
  await app.register(errorHandler);
  await app.register(shutdown);
  await app.register(database, { database: config.database });
  await app.register(audit);
  await app.register(security, { config });
  await app.register(rateLimits, {
    config,
    ...(store.kind === 'redis' ? { redis: store.client } : {}),
  });
  await app.register(apiKeyAuth, { sessionCookie: config.session.cookieName });
  await app.register(scalekit, { config });
  await app.register(memberIndex, { config });
  await app.register(session, { config, store });
  await app.register(auth, { config, onRefreshGrant: options.onRefreshGrant });
  await app.register(teamEvents, { redisUrl: config.redisUrl });
  await app.register(policies);
  await app.register(mail, { config });
  await app.register(requests);
  await app.register(outboundWebhooks, { settings: config.outboundWebhooks });

  // Routes by area.
  await app.register(healthRoutes);
  await app.register(authRoutes, { config });
  await app.register(sessionRoutes);
  await app.register(profileRoutes);
  await app.register(teamRoutes, { ...options.team, redisUrl: config.redisUrl });
  await app.register(auditRoutes);
  await app.register(apiKeyRoutes);
  await app.register(requestRoutes, { config });
  await app.register(webhookRoutes, { config });
  await app.register(policyRoutes);
  await app.register(interceptorRoutes, { config });
  await app.register(outboundWebhookRoutes);
  await app.register(openapiRoutes);
  await app.register(web, { config });

  return app;
}
