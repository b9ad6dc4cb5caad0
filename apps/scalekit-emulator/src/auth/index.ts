// The emulator's auth surface: OIDC endpoints, hosted sign-in pages, invitation links,
// outbound email and webhooks, composed behind one HTTP/1.1 handler.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext, Events, Invitations, Sessions } from '../domain.js';

export interface AuthSurface {
  /** Serves every HTTP/1.1 route of the emulator (OAuth, OIDC, hosted pages, invitations). */
  handleHttp(req: IncomingMessage, res: ServerResponse): void;
  /** True when the header is "Bearer <client_credentials access token>" minted here. */
  verifyManagementToken(authorization: string | undefined): Promise<boolean>;
  invitations: Invitations;
  sessions: Sessions;
  events: Events;
  /** Stops the delivery timers (mail outbox, webhooks). */
  close(): Promise<void>;
}

export function createAuthSurface(_ctx: EmulatorContext): Promise<AuthSurface> {
  // Placeholder until the modules land; keeps the composition compiling.
  return Promise.resolve({
    handleHttp(_req, res) {
      res.statusCode = 404;
      res.end();
    },
    verifyManagementToken: () => Promise.resolve(false),
    invitations: { send: () => undefined, revoke: () => undefined },
    sessions: { endForMembership: () => undefined, endAllForUser: () => undefined },
    events: { emit: () => undefined },
    close: () => Promise.resolve(),
  });
}
