// Wires the sign-in area: the token verifier (signatures checked against Scalekit's JWKS) and
// the single-flight token refresher the guards use.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config/env.js';
import { createTokenVerifier, type TokenVerifier } from './token-claims.js';
import { TokenRefresher } from './token-refresh.js';

declare module 'fastify' {
  interface FastifyInstance {
    tokenVerifier: TokenVerifier;
    tokenRefresher: TokenRefresher;
  }
}

export interface AuthPluginOptions {
  config: AppConfig;
  /** Observes refresh grants (used by tests and metrics). */
  onRefreshGrant?: (sessionId: string) => void;
}

function authPlugin(app: FastifyInstance, options: AuthPluginOptions): Promise<void> {
  const { config } = options;
  const verifier = createTokenVerifier(app.callScalekit, {
    issuer: config.scalekit.environmentUrl,
    clientId: config.scalekit.clientId,
  });
  app.decorate('tokenVerifier', verifier);
  app.decorate(
    'tokenRefresher',
    new TokenRefresher({
      store: app.sessions.store,
      timeouts: app.sessions.timeouts,
      callScalekit: app.callScalekit,
      verifier,
      leewayMs: config.session.refreshLeewaySeconds * 1000,
      scalekitTimeoutMs: config.scalekit.timeoutMs,
      onRefreshGrant: options.onRefreshGrant,
    }),
  );
  return Promise.resolve();
}

export default fp(authPlugin, { name: 'auth', dependencies: ['scalekit', 'session'] });
