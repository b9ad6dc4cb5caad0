// GET /oauth/authorize: validates the client and its exact redirect URI (an error page,
// never a redirect, when either is wrong), then either answers straight from the emulator
// session or hands over to the hosted sign-in pages.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from '../domain.js';
import { browserBinding, type AuthRequestStore } from './auth-requests.js';
import type { ClientRegistry } from './clients.js';
import { SUPPORTED_SCOPES } from './discovery.js';
import { type Flow, promptValues, signInPageUrl } from './flow.js';
import { redirect, sendHtml, single, withQuery } from './http.js';
import { branding, errorPage } from './pages.js';
import type { SessionStore } from './sessions.js';

export interface AuthorizeDeps {
  ctx: EmulatorContext;
  clients: ClientRegistry;
  requests: AuthRequestStore;
  sessions: SessionStore;
  flow: Flow;
}

const KNOWN_PROMPTS = new Set(['none', 'login', 'create', 'select_account', 'consent']);
const CHALLENGE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function createAuthorizeEndpoint(deps: AuthorizeDeps) {
  const { ctx, clients, requests, sessions, flow } = deps;

  return async function handleAuthorize(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const params = new URL(req.url ?? '/', 'http://emulator').searchParams;
    const client = clients.find(single(params, 'client_id'));
    if (!client) {
      sendHtml(
        res,
        400,
        errorPage(
          branding(ctx),
          'Unknown application',
          'The application that sent you here is not registered (unknown client_id).',
          'Check the SCALEKIT_CLIENT_ID the application uses.',
        ),
      );
      return;
    }
    const redirectUri = single(params, 'redirect_uri');
    if (redirectUri === undefined || !client.redirectUris.includes(redirectUri)) {
      sendHtml(
        res,
        400,
        errorPage(
          branding(ctx),
          'Redirect URI not allowed',
          `The redirect URI is not registered for ${client.name}, so you were not sent back.`,
          'Redirect URIs must match a registered one exactly.',
        ),
      );
      return;
    }
    const state = single(params, 'state') ?? null;
    const back = (error: string, description: string) =>
      redirect(
        res,
        withQuery(redirectUri, {
          error,
          error_description: description,
          state: state ?? undefined,
        }),
      );

    if (single(params, 'response_type') !== 'code') {
      back('unsupported_response_type', 'only response_type=code is supported');
      return;
    }
    const requested = (single(params, 'scope') ?? '').split(' ').filter(Boolean);
    if (!requested.includes('openid')) {
      back('invalid_scope', 'the openid scope is required');
      return;
    }
    // Unknown scopes are ignored, as OIDC allows; the order of the request is kept.
    const scopes = [...new Set(requested.filter((scope) => SUPPORTED_SCOPES.includes(scope)))];
    const challenge = single(params, 'code_challenge') ?? null;
    const method = single(params, 'code_challenge_method');
    if (challenge !== null || method !== undefined) {
      if (method !== 'S256') {
        back('invalid_request', 'code_challenge_method must be S256');
        return;
      }
      if (challenge === null || !CHALLENGE_PATTERN.test(challenge)) {
        back('invalid_request', 'code_challenge must be a base64url SHA-256 digest');
        return;
      }
    }
    const prompts = (single(params, 'prompt') ?? '').split(' ').filter(Boolean);
    if (prompts.some((prompt) => !KNOWN_PROMPTS.has(prompt))) {
      back('invalid_request', 'unsupported prompt value');
      return;
    }
    if (prompts.includes('none') && prompts.length > 1) {
      back('invalid_request', 'prompt=none cannot be combined with other values');
      return;
    }
    const organizationId = single(params, 'organization_id') ?? null;
    if (organizationId !== null && !ctx.directory.getOrganization(organizationId)) {
      back('invalid_request', 'unknown organization_id');
      return;
    }

    const nowMs = ctx.now().getTime();
    const secure = ctx.settings.issuer.startsWith('https:');
    const request = requests.create(
      {
        clientId: client.id,
        redirectUri,
        scope: scopes.join(' '),
        state,
        nonce: single(params, 'nonce') ?? null,
        codeChallenge: challenge,
        organizationId,
        prompt: prompts.length > 0 ? prompts.join(' ') : null,
        loginHint: single(params, 'login_hint') ?? null,
      },
      browserBinding(req, res, secure),
      nowMs,
    );

    // prompt=login asks for a fresh sign-in whatever session exists.
    const session = promptValues(request).includes('login') ? undefined : sessions.fromRequest(req);
    const user = session ? ctx.directory.getUser(session.user_id) : undefined;
    const none = prompts.includes('none');
    if (!session || !user) {
      if (none) flow.fail(res, request, 'login_required', 'the user is not signed in');
      else redirect(res, signInPageUrl(request.id));
      return;
    }
    const resolution = flow.resolve(request, user.id, false, session.preferred_organization_id);
    if (resolution.kind === 'enter') {
      requests.authenticated(request.id, user.id, session.id, false);
      await flow.complete(
        req,
        res,
        { ...request, user_id: user.id, session_id: session.id },
        user,
        resolution.membership,
      );
      return;
    }
    if (none) {
      if (resolution.kind === 'pick') {
        flow.fail(res, request, 'account_selection_required', 'choose an organization');
      } else {
        flow.fail(res, request, 'login_required', 'the signed-in user cannot enter');
      }
      return;
    }
    // Several organizations: the picker. No usable membership: sign in (maybe as someone else).
    if (resolution.kind === 'pick') requests.authenticated(request.id, user.id, session.id, false);
    redirect(res, signInPageUrl(request.id));
  };
}
