// Sign-in and sign-out: /auth/login and /auth/login/initiate start an authorization-code flow
// with PKCE; /api/callback finishes it and starts a session under a fresh id; /auth/logout
// ends it here and at Scalekit; /auth/switch-organization re-authorizes in another organization.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ErrorBodySchema,
  LoginQuerySchema,
  LogoutResponseSchema,
  SwitchOrganizationBodySchema,
  SwitchOrganizationResponseSchema,
  pages,
  routes,
  type SignInErrorCode,
} from '@app/contracts';
import type { AppConfig } from '../config/env.js';
import { AppError } from '../errors/app-error.js';
import { requireSession } from '../auth/guards.js';
import { codeChallengeS256, randomToken } from '../auth/pkce.js';
import { safeReturnTo } from '../auth/return-to.js';
import { failSignIn, signInErrorFromProvider, wantsHtml } from '../auth/sign-in-errors.js';
import { refreshAtFor } from '../auth/token-claims.js';
import { ScalekitCallError } from '../errors/scalekit-call-error.js';
import { maySwitchTo, membershipsOf } from '../profile/own-organizations.js';
import type { LoginTransaction, SessionRecord, SessionTokens } from '../session/session-record.js';
import { newSessionId } from '../session/sessions.js';
import { callerOf, errorResponses } from './team/caller.js';

/** Where an invitation link lands when it names no page: the profile, with a welcome. */
const WELCOME_PAGE = `${pages.profile}?welcome=1`;

/** A sign-in must complete within 10 minutes (bff-security.md, transaction data). */
export const LOGIN_TRANSACTION_TTL_MS = 10 * 60 * 1000;
export const SCOPES = ['openid', 'profile', 'email', 'offline_access'];

const CallbackQuerySchema = z.object({
  code: z.string().max(2048).optional(),
  state: z.string().max(512).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(2048).optional(),
});

export const authRoutes: FastifyPluginAsyncZod<{ config: AppConfig }> = (app, { config }) => {
  const txCookieName = config.session.secureCookie ? '__Host-sid_tx' : 'sid_tx';
  const txCookieOptions = {
    signed: true,
    httpOnly: true,
    secure: config.session.secureCookie,
    sameSite: 'lax' as const,
    path: '/',
  };

  /** Binds a sign-in to the browser that started it (no login CSRF with a stolen callback URL). */
  function browserBinding(request: FastifyRequest, reply: FastifyReply): string {
    const existing = request.cookies[txCookieName];
    if (existing !== undefined) {
      const unsigned = request.unsignCookie(existing);
      if (unsigned.valid && unsigned.value !== null) return unsigned.value;
    }
    const binding = randomToken();
    void reply.setCookie(txCookieName, binding, {
      ...txCookieOptions,
      maxAge: LOGIN_TRANSACTION_TTL_MS / 1000,
    });
    return binding;
  }

  /** Keeps a new sign-in transaction and answers the authorize URL that starts it. */
  async function authorizeUrlFor(
    request: FastifyRequest,
    reply: FastifyReply,
    returnTo: string | undefined,
    options: { prompt?: 'create' | 'select_account'; organizationId?: string },
  ): Promise<string> {
    const tx: LoginTransaction = {
      state: randomToken(),
      nonce: randomToken(),
      codeVerifier: randomToken(),
      returnTo: safeReturnTo(returnTo),
      binding: browserBinding(request, reply),
      createdAt: Date.now(),
    };
    await app.sessions.store.putTransaction(tx, LOGIN_TRANSACTION_TTL_MS);
    return app.scalekit.getAuthorizationUrl(config.redirectUri, {
      scopes: SCOPES,
      state: tx.state,
      nonce: tx.nonce,
      codeChallenge: codeChallengeS256(tx.codeVerifier),
      codeChallengeMethod: 'S256',
      ...options,
    });
  }

  async function startSignIn(
    request: FastifyRequest,
    reply: FastifyReply,
    returnTo: string | undefined,
    prompt: 'create' | undefined,
  ): Promise<void> {
    const url = await authorizeUrlFor(
      request,
      reply,
      returnTo,
      prompt === undefined ? {} : { prompt },
    );
    await reply.redirect(url, 302);
  }

  /** Exchanges the code and checks the tokens; a SignInErrorCode when the sign-in must fail. */
  async function exchangeCode(
    code: string,
    tx: LoginTransaction,
  ): Promise<{ record: SessionRecord; tokens: SessionTokens } | SignInErrorCode> {
    try {
      const result = await app.callScalekit((client) =>
        client.authenticateWithCode(code, config.redirectUri, { codeVerifier: tx.codeVerifier }),
      );
      const [idClaims, access] = await Promise.all([
        app.tokenVerifier.verifyIdToken(result.idToken),
        app.tokenVerifier.verifyAccessToken(result.accessToken),
      ]);
      if (idClaims.nonce !== tx.nonce) return 'login_failed';
      if (access.sub !== idClaims.sub || access.oid === '' || !result.refreshToken)
        return 'login_failed';
      const organization = await app
        .callScalekit((client) => client.organization.getOrganization(access.oid))
        .then((answer) => answer.organization?.displayName ?? '')
        .catch(() => '');
      const record: SessionRecord = {
        user: {
          id: idClaims.sub,
          email: idClaims.email,
          emailVerified: idClaims.emailVerified,
          name: idClaims.name,
          givenName: idClaims.givenName,
          familyName: idClaims.familyName,
        },
        organization: { id: access.oid, name: organization },
        roles: access.roles,
        permissions: access.permissions,
        ...app.sessions.timeouts.timesForNewSession(Date.now()),
        accessExpiresAt: access.expiresAt,
        refreshAt: refreshAtFor(access, config.session.refreshLeewaySeconds * 1000),
        tokenKey: newSessionId(),
      };
      return {
        record,
        tokens: {
          accessToken: result.accessToken,
          refreshToken: result.refreshToken,
          idToken: result.idToken,
          ...(access.sid === '' ? {} : { scalekitSessionId: access.sid }),
        },
      };
    } catch (failure) {
      if (failure instanceof ScalekitCallError) {
        app.log.warn({ kind: failure.kind }, 'sign-in refused by Scalekit');
        return 'login_failed';
      }
      if (failure instanceof AppError && failure.code === 'identity_unavailable')
        return 'identity_unavailable';
      throw failure;
    }
  }

  const loginSchema = {
    tags: ['auth'],
    querystring: LoginQuerySchema,
    response: {
      302: z.null().describe('Redirect to the hosted sign-in page'),
      429: ErrorBodySchema,
    },
  };

  app.get(
    routes.login,
    {
      onRequest: app.rateLimits.signIn,
      schema: { ...loginSchema, summary: 'Start sign-in (redirects to Scalekit)' },
    },
    async (request, reply) => {
      await startSignIn(request, reply, request.query.returnTo, undefined);
    },
  );

  app.get(
    routes.loginInitiate,
    {
      onRequest: app.rateLimits.signIn,
      schema: {
        ...loginSchema,
        summary: 'Initiate-login URL: invitation links land here; authorizes with prompt=create',
      },
    },
    async (request, reply) => {
      // Someone following an invitation lands on a profile that welcomes them.
      await startSignIn(request, reply, request.query.returnTo ?? WELCOME_PAGE, 'create');
    },
  );

  app.get(
    routes.callback,
    {
      onRequest: app.rateLimits.signIn,
      schema: {
        tags: ['auth'],
        summary: 'OAuth callback: exchanges the code and starts the session',
        querystring: CallbackQuerySchema,
        response: { 302: z.null(), 401: ErrorBodySchema, 503: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const { code, state, error, error_description: description } = request.query;
      // Whatever happens, a transaction is used at most once.
      const tx = state === undefined ? undefined : await app.sessions.store.takeTransaction(state);
      if (error !== undefined)
        return failSignIn(request, reply, signInErrorFromProvider(error, description ?? ''));
      if (code === undefined || tx === undefined)
        return failSignIn(request, reply, 'invalid_state');

      const bindingCookie = request.cookies[txCookieName];
      const binding = bindingCookie === undefined ? undefined : request.unsignCookie(bindingCookie);
      const fromSameBrowser = binding?.valid === true && binding.value === tx.binding;
      if (!fromSameBrowser || Date.now() - tx.createdAt > LOGIN_TRANSACTION_TTL_MS) {
        return failSignIn(request, reply, 'invalid_state');
      }

      const outcome = await exchangeCode(code, tx);
      if (typeof outcome === 'string') return failSignIn(request, reply, outcome);
      const { record, tokens } = outcome;

      // Session fixation: whatever session this browser had, the signed-in one gets a new id.
      await app.sessions.start(request, record, tokens);
      void reply.clearCookie(txCookieName, txCookieOptions);
      request.log.info(
        { userId: record.user.id, organizationId: record.organization.id },
        'signed in',
      );
      return reply.redirect(tx.returnTo, 302);
    },
  );

  app.post(
    routes.switchOrganization,
    {
      preHandler: requireSession,
      schema: {
        tags: ['auth'],
        summary:
          'Switch organization: answers the authorize URL (prompt=select_account with the organization)',
        body: SwitchOrganizationBodySchema,
        response: {
          200: SwitchOrganizationResponseSchema,
          ...errorResponses(401, 403, 404, 429, 503),
        },
      },
      onRequest: app.rateLimits.signIn,
    },
    async (request, reply) => {
      const { userId } = callerOf(request);
      const { organizationId, returnTo } = request.body;
      const memberships = await membershipsOf({ call: app.callScalekit }, userId);
      if (!maySwitchTo(memberships, organizationId)) {
        throw new AppError('not_found', 'You are not a member of that organization.');
      }
      // Scalekit's hosted session is alive, so it answers with a code for that organization at
      // once; the callback then starts the session under a new id, as at any sign-in.
      const redirectTo = await authorizeUrlFor(request, reply, returnTo, {
        prompt: 'select_account',
        organizationId,
      });
      return { redirectTo };
    },
  );

  app.post(
    routes.logout,
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out: ends the session, then Scalekit’s session',
        response: { 200: LogoutResponseSchema, 303: z.null(), 403: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const tokens =
        request.session.record === undefined
          ? undefined
          : await app.sessions.store.getTokens(request.session.sessionId);
      await app.sessions.end(request, reply);
      // The id_token_hint is the one token that passes through the browser: OIDC RP-initiated
      // logout requires it, and it carries no access rights.
      const redirectTo = app.scalekit.getLogoutUrl({
        ...(tokens?.idToken ? { idTokenHint: tokens.idToken } : {}),
        postLogoutRedirectUri: config.postLogoutRedirectUri,
      });
      if (wantsHtml(request) && !(request.headers.accept ?? '').includes('application/json')) {
        return reply.redirect(redirectTo, 303);
      }
      return reply.code(200).send({ redirectTo });
    },
  );
  return Promise.resolve();
};
