// Decorates the app with `webhookEndpoints` (the admin's side of outbound webhooks) and runs
// this instance's delivery loop from the moment the app is ready until it closes.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config/env.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import { WebhookEndpoints } from './webhook-endpoints.js';
import { SqlWebhookStore, type WebhookStore } from './webhook-store.js';

declare module 'fastify' {
  interface FastifyInstance {
    webhookEndpoints: WebhookEndpoints;
    webhookStore: WebhookStore;
  }
}

function outboundWebhooksPlugin(
  app: FastifyInstance,
  options: { settings: AppConfig['outboundWebhooks'] },
  done: () => void,
): void {
  const store = new SqlWebhookStore(app.database.db);
  const dispatcher = new WebhookDispatcher(
    store,
    app.auditStore,
    options.settings,
    app.log.child({ area: 'outbound-webhooks' }),
  );
  app.decorate('webhookStore', store);
  app.decorate(
    'webhookEndpoints',
    new WebhookEndpoints(store, options.settings, () => dispatcher.kick()),
  );
  app.addHook('onReady', (hookDone) => {
    dispatcher.start();
    hookDone();
  });
  // Before any onClose hook, so no step is left running against a closing database.
  app.addHook('preClose', async () => {
    await dispatcher.stop();
  });
  done();
}

export default fp(outboundWebhooksPlugin, {
  name: 'outbound-webhooks',
  dependencies: ['database', 'audit'],
});
