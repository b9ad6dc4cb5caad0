// UserService's end-user RPCs: GetCurrentUser (the user behind the access token, and its
// session) and GetSupportHash (a stable hash of the user's email for a support widget).
import { createHmac } from 'node:crypto';
import type { ServiceImpl } from '@connectrpc/connect';
import type { UserService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/users/users_pb.js';
import type { ClientRegistration } from '../domain.js';
import { requireEndUser } from '../grpc/interceptors.js';
import type { Presenter } from '../grpc/messages.js';
import { requireUser } from './lookups.js';
import type { DirectoryStore } from './store.js';

export function currentUserRpcs(
  store: DirectoryStore,
  present: Presenter,
  clients: readonly ClientRegistration[],
): Partial<ServiceImpl<typeof UserService>> {
  return {
    getCurrentUser(_req, context) {
      const caller = requireEndUser(context, 'GetCurrentUser');
      return {
        user: present.user(requireUser(store, { id: caller.userId })),
        currentSessionId: caller.sessionId,
        // Scalekit's AI gateway is not emulated.
        gatewayEnabled: false,
      };
    },
    getSupportHash(_req, context) {
      const caller = requireEndUser(context, 'GetSupportHash');
      const user = requireUser(store, { id: caller.userId });
      // Like a support widget's identity hash: HMAC-SHA256 of the email under a secret the
      // user cannot see (here the signing application's client secret), hex.
      const secret = clients.find((client) => client.id === caller.clientId)?.secret ?? '';
      return { supportHash: createHmac('sha256', secret).update(user.email).digest('hex') };
    },
  };
}
