// GET /oidc/logout?id_token_hint&post_logout_redirect_uri&state: ends the emulator session
// (cookie and the hint's sid) and returns only to a post-logout URI registered for the client.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext, Events } from '../domain.js';
import type { ClientRegistry } from './clients.js';
import { userEventData } from './event-data.js';
import { redirect, sendHtml, single, withQuery } from './http.js';
import { branding, errorPage, noticePage } from './pages.js';
import type { SessionRow, SessionStore } from './sessions.js';
import type { TokenSigner } from './tokens.js';

export function createLogoutEndpoint(deps: {
  ctx: EmulatorContext;
  clients: ClientRegistry;
  sessions: SessionStore;
  signer: TokenSigner;
  events: Events;
}) {
  const { ctx, clients, sessions, signer, events } = deps;

  return async function handleLogout(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const params = new URL(req.url ?? '/', 'http://emulator').searchParams;
    const hintToken = single(params, 'id_token_hint');
    const hint = hintToken ? await signer.verifyIdTokenHint(hintToken) : null;
    if (hintToken && !hint) {
      sendHtml(
        res,
        400,
        errorPage(
          branding(ctx),
          'Sign-out failed',
          'The id_token_hint is not a valid ID token from this server.',
        ),
      );
      return;
    }
    const audience = hint ? (Array.isArray(hint.aud) ? hint.aud[0] : hint.aud) : undefined;
    const clientIdParam = single(params, 'client_id');
    if (audience !== undefined && clientIdParam !== undefined && audience !== clientIdParam) {
      sendHtml(
        res,
        400,
        errorPage(branding(ctx), 'Sign-out failed', 'client_id does not match the id_token_hint.'),
      );
      return;
    }
    const client = clients.find(audience ?? clientIdParam);
    const postLogout = single(params, 'post_logout_redirect_uri');
    if (postLogout !== undefined && !client?.postLogoutRedirectUris.includes(postLogout)) {
      sendHtml(
        res,
        400,
        errorPage(
          branding(ctx),
          'Sign-out redirect not allowed',
          'The post-logout redirect URI is not registered for this application, so you were not sent there.',
          client ? undefined : 'Pass the id_token_hint so the application can be identified.',
        ),
      );
      return;
    }

    const nowMs = ctx.now().getTime();
    const ended: SessionRow[] = [];
    const browserSession = sessions.fromRequest(req);
    if (browserSession) ended.push(browserSession);
    if (hint && typeof hint.sid === 'string') {
      const hinted = sessions.get(hint.sid);
      if (
        hinted &&
        hinted.ended_at === null &&
        hinted.user_id === hint.sub &&
        hinted.id !== browserSession?.id
      ) {
        ended.push(hinted);
      }
    }
    for (const session of ended) {
      sessions.end(session.id, nowMs, 'logout');
      const user = ctx.directory.getUser(session.user_id);
      const organizationId =
        (hint && typeof hint.oid === 'string' ? hint.oid : null) ?? session.organization_id;
      if (user) events.emit('user.logout', organizationId, 'User', { user: userEventData(user) });
    }
    sessions.clearCookie(res);
    if (postLogout !== undefined) {
      redirect(res, withQuery(postLogout, { state: single(params, 'state') }));
      return;
    }
    sendHtml(
      res,
      200,
      noticePage(branding(ctx), 'You are signed out', 'You have been signed out.'),
    );
  };
}
