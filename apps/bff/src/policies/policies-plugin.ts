// Decorates the app with `invitationPolicies`, the policies area's service, on the app's
// database and the bounded Scalekit caller.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { InvitationPolicies } from './invitation-policies.js';

declare module 'fastify' {
  interface FastifyInstance {
    invitationPolicies: InvitationPolicies;
  }
}

function policiesPlugin(app: FastifyInstance, _options: unknown, done: () => void): void {
  app.decorate(
    'invitationPolicies',
    new InvitationPolicies({ db: app.database.db, gateway: { call: app.callScalekit } }),
  );
  done();
}

export default fp(policiesPlugin, { name: 'policies', dependencies: ['database', 'scalekit'] });
