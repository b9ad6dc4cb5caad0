// Same-origin protections for the BFF's own routes: CSRF (custom header + same-origin Origin on
// every state-changing /api/* and /auth/* request), `Cache-Control: no-store` on auth and API
// answers. No CORS plugin is registered, so no other origin is ever granted access.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CSRF_HEADER, CSRF_HEADER_VALUE, routes } from '@app/contracts';
import type { AppConfig } from '../config/env.js';
import { AppError } from '../errors/app-error.js';
import { securityHeaders } from './security-headers.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Routes that authenticate their caller another way (Standard Webhooks / interceptor signatures). */
const CSRF_EXEMPT = new Set<string>([routes.webhooks, routes.invitationInterceptor]);

export function isBffPath(url: string): boolean {
  return url.startsWith('/api/') || url.startsWith('/auth/') || url === '/api' || url === '/auth';
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

export function checkCsrf(request: FastifyRequest, publicOrigin: string): AppError | undefined {
  if (request.headers[CSRF_HEADER] !== CSRF_HEADER_VALUE) {
    return new AppError('csrf_rejected', `Missing the ${CSRF_HEADER} header.`);
  }
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== publicOrigin) {
    return new AppError('csrf_rejected', 'Cross-origin requests are not allowed.');
  }
  return undefined;
}

function securityPlugin(app: FastifyInstance, options: { config: AppConfig }): Promise<void> {
  const publicOrigin = new URL(options.config.publicUrl).origin;
  const headers = securityHeaders(options.config);
  // One callback hook (not an async one) for every request: security headers on every answer,
  // then no-store and CSRF on the BFF's own paths.
  app.addHook('onRequest', (request, reply, done) => {
    void reply.headers(headers);
    const path = pathOf(request.url);
    if (!isBffPath(path)) {
      done();
      return;
    }
    void reply.header('cache-control', 'no-store');
    // A request with an Authorization header is another system's API call, never a browser's:
    // no other origin can add that header without a CORS grant, which the BFF never gives, and
    // the api-keys plugin refuses it unless it carries a valid key, on a route keys may call,
    // without a session cookie.
    if (
      SAFE_METHODS.has(request.method) ||
      CSRF_EXEMPT.has(path) ||
      request.headers.authorization !== undefined
    ) {
      done();
      return;
    }
    done(checkCsrf(request, publicOrigin));
  });
  return Promise.resolve();
}

export default fp(securityPlugin, { name: 'security' });
