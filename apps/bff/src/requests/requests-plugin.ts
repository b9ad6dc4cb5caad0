// Decorates the app with `accessRequests` (the approval inbox's rules) and `requestStore`, used
// by the request routes and by the CSV import that sends rows past the seat limit to the inbox.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { AccessRequests } from './access-requests.js';
import { SqlRequestStore, type RequestStore } from './request-store.js';

declare module 'fastify' {
  interface FastifyInstance {
    accessRequests: AccessRequests;
    requestStore: RequestStore;
  }
}

function requestsPlugin(app: FastifyInstance, _options: unknown, done: () => void): void {
  const store = new SqlRequestStore(app.database.db);
  app.decorate('requestStore', store);
  app.decorate(
    'accessRequests',
    new AccessRequests({
      store,
      auditStore: app.auditStore,
      teamAudit: app.teamAudit,
      gateway: { call: app.callScalekit },
      index: app.memberIndex,
      mailer: app.mailer,
    }),
  );
  done();
}

export default fp(requestsPlugin, {
  name: 'requests',
  dependencies: ['database', 'audit', 'mail', 'member-index'],
});
