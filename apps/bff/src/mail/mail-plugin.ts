// Decorates the app with `mailer`, the BFF's own email sender, closed when the app closes.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config/env.js';
import { createMailer, type Mailer } from './mailer.js';

declare module 'fastify' {
  interface FastifyInstance {
    mailer: Mailer;
  }
}

function mailPlugin(
  app: FastifyInstance,
  options: { config: AppConfig },
  done: (error?: Error) => void,
): void {
  const mailer = createMailer(options.config.mail);
  app.decorate('mailer', mailer);
  app.addHook('onClose', (_instance, closed) => {
    mailer.close();
    closed();
  });
  done();
}

export default fp(mailPlugin, { name: 'mail' });
