// Decorates the app with `memberIndex` (src/member-index): the per-organization index of members
// in the app's database that serves sorted pages, counts and the last-admin candidates.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config/env.js';
import { MemberIndex } from '../member-index/member-index.js';
import { MemberIndexStore } from '../member-index/member-index-store.js';

declare module 'fastify' {
  interface FastifyInstance {
    memberIndex: MemberIndex;
  }
}

/** A walk that makes no progress for this long loses its claim to another instance. */
const CLAIM_MS = 60_000;

function memberIndexPlugin(
  app: FastifyInstance,
  options: { config: Pick<AppConfig, 'memberIndex'> },
): void {
  const index = new MemberIndex(
    new MemberIndexStore(app.database.db),
    { call: app.callScalekit },
    {
      rebuildAfterMs: options.config.memberIndex.rebuildAfterMs,
      claimMs: CLAIM_MS,
      onError: (error, message) => app.log.warn({ err: error }, message),
    },
  );
  app.decorate('memberIndex', index);
  // Before the database closes (plugins close in reverse order of registration).
  app.addHook('onClose', async () => {
    await index.close();
  });
}

export default fp(memberIndexPlugin, {
  name: 'member-index',
  dependencies: ['database', 'scalekit'],
});
