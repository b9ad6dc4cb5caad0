// Decorates the app with `teamAudit`, the audit log's recorder used by the team routes and the
// webhook receiver, on the app's database.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { SqlAuditStore, type AuditStore } from './audit-store.js';
import { TeamAudit } from './team-audit.js';

declare module 'fastify' {
  interface FastifyInstance {
    teamAudit: TeamAudit;
    auditStore: AuditStore;
  }
}

function auditPlugin(app: FastifyInstance, _options: unknown, done: () => void): void {
  const store = new SqlAuditStore(app.database.db);
  app.decorate('auditStore', store);
  app.decorate('teamAudit', new TeamAudit(store));
  done();
}

export default fp(auditPlugin, { name: 'audit', dependencies: ['database'] });
