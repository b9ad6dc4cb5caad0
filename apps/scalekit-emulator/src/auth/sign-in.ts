// The hosted sign-in steps: email (invite-only: unknown or uninvited addresses are refused
// and nothing is sent), a 6-digit code or magic link by email, then the organization picker.
// Addresses containing "+sktest" take the fixed code 424242 and get no email.
import { randomInt } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  ClientRegistration,
  EmulatorContext,
  Membership,
  Organization,
  User,
} from '../domain.js';
import {
  type AuthRequestRow,
  type AuthRequestStore,
  browserBinding,
  requestBrowserHash,
} from './auth-requests.js';
import type { ClientRegistry } from './clients.js';
import { randomToken, safeEqual, sha256Hex } from './crypto.js';
import { type Flow, promptValues, signInPageUrl } from './flow.js';
import { clientIp, readForm, redirect, sendHtml, single } from './http.js';
import { isInviteLapsed } from './acceptance.js';
import type { MailOutbox } from './mail/outbox.js';
import { signInCodeEmail } from './mail/templates.js';
import { branding, codeStepPage, emailStepPage, errorPage, organizationStepPage } from './pages.js';
import type { SessionStore } from './sessions.js';

export const TEST_EMAIL_MARKER = '+sktest';
export const TEST_CODE = '424242';
const MAX_CODE_ATTEMPTS = 5;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface SignInDeps {
  ctx: EmulatorContext;
  clients: ClientRegistry;
  requests: AuthRequestStore;
  sessions: SessionStore;
  outbox: MailOutbox;
  flow: Flow;
}

function otpHash(requestId: string, code: string): string {
  return sha256Hex(`${requestId}:${code}`);
}

type PageHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface SignInPages {
  show: PageHandler;
  submitEmail: PageHandler;
  submitCode: PageHandler;
  submitOrganization: PageHandler;
  magicLink: PageHandler;
}

export function createSignInPages(deps: SignInDeps): SignInPages {
  const { ctx, clients, requests, sessions, outbox, flow } = deps;
  const nowMs = () => ctx.now().getTime();
  const ttlMinutes = () => Math.max(1, Math.round(ctx.settings.otpTtlSeconds / 60));

  function expiredPage(res: ServerResponse): void {
    sendHtml(
      res,
      400,
      errorPage(
        branding(ctx),
        'This sign-in page has expired',
        'This sign-in request is finished or too old to continue.',
        'Go back to the application and sign in again.',
      ),
    );
  }

  /** The live request named by the form or query, opened in the browser that started it. */
  function load(
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string | undefined,
  ): { request: AuthRequestRow; client: ClientRegistration } | undefined {
    const request = requests.find(requestId, nowMs());
    const client = request ? clients.find(request.client_id) : undefined;
    if (!request || !client) {
      expiredPage(res);
      return undefined;
    }
    const browser = requestBrowserHash(req);
    if (browser === null || !safeEqual(browser, request.browser_hash)) {
      sendHtml(
        res,
        403,
        errorPage(
          branding(ctx),
          'Sign-in started in another browser',
          'This sign-in page belongs to a sign-in started in another browser or window.',
          'Go back to the application and sign in again from here.',
        ),
      );
      return undefined;
    }
    return { request, client };
  }

  function renderEmailStep(
    res: ServerResponse,
    status: number,
    request: AuthRequestRow,
    client: ClientRegistration,
    email: string,
    error: string | null,
  ): void {
    sendHtml(
      res,
      status,
      emailStepPage({
        branding: branding(ctx),
        requestId: request.id,
        appName: client.name,
        mode: promptValues(request).includes('create') ? 'create' : 'sign-in',
        email,
        error,
      }),
    );
  }

  function renderCodeStep(
    res: ServerResponse,
    status: number,
    request: AuthRequestRow,
    client: ClientRegistration,
    error: string | null,
  ): void {
    sendHtml(
      res,
      status,
      codeStepPage({
        branding: branding(ctx),
        requestId: request.id,
        appName: client.name,
        email: request.email ?? '',
        error,
        ttlMinutes: ttlMinutes(),
        testAddress: (request.email ?? '').includes(TEST_EMAIL_MARKER),
      }),
    );
  }

  function renderOrganizationStep(
    res: ServerResponse,
    status: number,
    request: AuthRequestRow,
    client: ClientRegistration,
    userId: string,
    error: string | null,
  ): void {
    const user = ctx.directory.getUser(userId);
    const choices = flow.enterable(userId, request.fresh_login === 1, request.organization_id);
    const joinable = user ? offeredJoins(request, user) : [];
    if (!user || (choices.length === 0 && joinable.length === 0)) {
      sendHtml(res, 403, noAccessPage(ctx));
      return;
    }
    sendHtml(
      res,
      status,
      organizationStepPage({
        branding: branding(ctx),
        requestId: request.id,
        appName: client.name,
        email: user.email,
        error,
        choices: choices
          .map((membership) => ({
            id: membership.organizationId,
            name:
              ctx.directory.getOrganization(membership.organizationId)?.displayName ??
              membership.organizationId,
            pending: membership.status === 'PENDING_INVITE',
            joinable: false,
          }))
          .concat(
            joinable.map((org) => ({
              id: org.id,
              name: org.displayName,
              pending: false,
              joinable: true,
            })),
          ),
      }),
    );
  }

  /** Organizations offered with "Join": on a fresh sign-in, or when the picker was asked for. */
  function offeredJoins(request: AuthRequestRow, user: User): Organization[] {
    const asked = request.fresh_login === 1 || promptValues(request).includes('select_account');
    return asked ? flow.joinable(user, request.organization_id) : [];
  }

  /** "Join" on a suggested organization: the membership it creates, if it may be joined. */
  function joinChosen(
    request: AuthRequestRow,
    user: User,
    organizationId: string | undefined,
  ): Membership | { refused: string } | undefined {
    if (!offeredJoins(request, user).some((org) => org.id === organizationId)) return undefined;
    return organizationId === undefined ? undefined : flow.join(user, organizationId);
  }

  /**
   * The email is proven (code or link): sign the user in and move on. A person without an account
   * whose address an allowed domain accepts signs up here (PRE_SIGNUP decides).
   */
  async function authenticated(
    req: IncomingMessage,
    res: ServerResponse,
    request: AuthRequestRow,
  ): Promise<void> {
    const email = request.email;
    let user = email ? ctx.directory.findUserByEmail(email) : undefined;
    let joinedOrganizationId: string | null = null;
    if (!user && email) {
      const outcome = await flow.signUp(email, {
        organizationId: request.organization_id,
        loginHint: request.login_hint,
        state: request.state,
        userAgent: req.headers['user-agent'] ?? '',
        ip: clientIp(req),
      });
      if (outcome.kind === 'refused') {
        // Nothing was created: the person is back at the email step with the reason.
        requests.clearCode(request.id);
        const client = clients.find(request.client_id);
        if (client) renderEmailStep(res, 403, request, client, email, outcome.message);
        else expiredPage(res);
        return;
      }
      user = outcome.user;
      joinedOrganizationId = outcome.joined?.organizationId ?? null;
    }
    if (!user) {
      sendHtml(res, 403, noAccessPage(ctx));
      return;
    }
    ctx.directory.markEmailVerified(user.id);
    ctx.directory.recordLogin(user.id, ctx.now());
    const session = sessions.start(req, res, user.id, null);
    requests.authenticated(request.id, user.id, session.id, true);
    const current: AuthRequestRow = {
      ...request,
      user_id: user.id,
      session_id: session.id,
      fresh_login: 1,
    };
    const resolution = flow.resolve(current, user.id, true, joinedOrganizationId);
    if (resolution.kind === 'enter') {
      await flow.complete(
        req,
        res,
        current,
        ctx.directory.getUser(user.id) ?? user,
        resolution.membership,
      );
    } else if (resolution.kind === 'pick') {
      redirect(res, signInPageUrl(request.id), 303);
    } else {
      sendHtml(res, 403, noAccessPage(ctx));
    }
  }

  return {
    /** GET /sign-in: whichever step the request is at. */
    show(req: IncomingMessage, res: ServerResponse): void {
      const params = new URL(req.url ?? '/', 'http://emulator').searchParams;
      const loaded = load(req, res, single(params, 'request'));
      if (!loaded) return;
      const { request, client } = loaded;
      if (request.user_id !== null) {
        renderOrganizationStep(res, 200, request, client, request.user_id, null);
      } else if (request.otp_hash !== null && single(params, 'step') !== 'email') {
        renderCodeStep(res, 200, request, client, null);
      } else {
        renderEmailStep(res, 200, request, client, request.email ?? request.login_hint ?? '', null);
      }
    },

    /** POST /sign-in/email */
    async submitEmail(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const form = await readForm(req);
      const loaded = load(req, res, single(form, 'request'));
      if (!loaded) return;
      const { request, client } = loaded;
      if (request.user_id !== null) {
        redirect(res, signInPageUrl(request.id), 303);
        return;
      }
      const email = (single(form, 'email') ?? '').trim().toLowerCase();
      if (email.length > 254 || !EMAIL_PATTERN.test(email)) {
        renderEmailStep(res, 400, request, client, email, 'Enter a valid email address.');
        return;
      }
      const user = ctx.directory.findUserByEmail(email);
      const choices = user ? flow.enterable(user.id, true, request.organization_id) : [];
      const joinable = user
        ? flow.joinable(user, request.organization_id)
        : flow.openTo(email, request.organization_id);
      if (choices.length === 0 && joinable.length === 0) {
        // Invite-only: nothing is created and nothing is sent.
        const lapsed =
          user !== undefined &&
          ctx.directory
            .listMembershipsOfUser(user.id)
            .some(
              (m) =>
                (request.organization_id === null ||
                  m.organizationId === request.organization_id) &&
                isInviteLapsed(ctx, m),
            );
        renderEmailStep(
          res,
          403,
          request,
          client,
          email,
          lapsed
            ? `The invitation for ${email} has expired. Ask an administrator of your organization to send a new one.`
            : `This app is invite-only. There is no account or pending invitation for ${email}. Ask an administrator of your organization to invite you.`,
        );
        return;
      }
      const testAddress = email.includes(TEST_EMAIL_MARKER);
      const code = testAddress ? TEST_CODE : String(randomInt(0, 1_000_000)).padStart(6, '0');
      const magicToken = testAddress ? null : randomToken();
      requests.startCodeStep(
        request.id,
        email,
        otpHash(request.id, code),
        nowMs() + ctx.settings.otpTtlSeconds * 1000,
        magicToken === null ? null : sha256Hex(magicToken),
      );
      if (magicToken !== null) {
        const link = new URL('/sign-in/magic', ctx.settings.issuer);
        link.searchParams.set('request', request.id);
        link.searchParams.set('token', magicToken);
        outbox.enqueue(
          signInCodeEmail({
            to: email,
            code,
            appName: client.name,
            magicLink: link.toString(),
            ttlSeconds: ctx.settings.otpTtlSeconds,
          }),
        );
      }
      redirect(res, signInPageUrl(request.id), 303);
    },

    /** POST /sign-in/code */
    async submitCode(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const form = await readForm(req);
      const loaded = load(req, res, single(form, 'request'));
      if (!loaded) return;
      const { request, client } = loaded;
      if (request.otp_hash === null || request.otp_expires_at === null) {
        redirect(res, signInPageUrl(request.id), 303);
        return;
      }
      // The code is spent: back to the email step, which sends a new one.
      const startOver = (message: string) => {
        requests.clearCode(request.id);
        renderEmailStep(res, 400, request, client, request.email ?? '', message);
      };
      if (request.otp_expires_at <= nowMs()) {
        startOver('That code has expired. Continue to get a new one.');
        return;
      }
      const code = (single(form, 'code') ?? '').replace(/\s+/g, '');
      if (!/^[0-9]{6}$/.test(code) || !safeEqual(otpHash(request.id, code), request.otp_hash)) {
        requests.countFailedAttempt(request.id);
        const left = MAX_CODE_ATTEMPTS - (request.otp_attempts + 1);
        if (left <= 0) {
          startOver('Too many wrong codes. Continue to get a new one.');
        } else {
          renderCodeStep(
            res,
            400,
            request,
            client,
            `That code is not right. ${left} ${left === 1 ? 'attempt' : 'attempts'} left.`,
          );
        }
        return;
      }
      await authenticated(req, res, request);
    },

    /** POST /sign-in/organization */
    async submitOrganization(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const form = await readForm(req);
      const loaded = load(req, res, single(form, 'request'));
      if (!loaded) return;
      const { request, client } = loaded;
      const userId = request.user_id;
      const user = userId === null ? undefined : ctx.directory.getUser(userId);
      if (userId === null || !user) {
        redirect(res, signInPageUrl(request.id), 303);
        return;
      }
      const organizationId = single(form, 'organization_id');
      const chosen =
        flow
          .enterable(userId, request.fresh_login === 1, request.organization_id)
          .find((membership) => membership.organizationId === organizationId) ??
        joinChosen(request, user, organizationId);
      if (chosen !== undefined && 'refused' in chosen) {
        renderOrganizationStep(res, 409, request, client, userId, chosen.refused);
        return;
      }
      if (!chosen) {
        renderOrganizationStep(
          res,
          400,
          request,
          client,
          userId,
          'Choose one of the organizations.',
        );
        return;
      }
      await flow.complete(req, res, request, user, chosen);
    },

    /** GET /sign-in/magic?request&token: the link from the sign-in email. */
    async magicLink(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const params = new URL(req.url ?? '/', 'http://emulator').searchParams;
      const request = requests.find(single(params, 'request'), nowMs());
      const token = single(params, 'token');
      if (
        !request ||
        request.magic_hash === null ||
        request.otp_expires_at === null ||
        request.otp_expires_at <= nowMs() ||
        !token ||
        !safeEqual(sha256Hex(token), request.magic_hash)
      ) {
        sendHtml(
          res,
          400,
          errorPage(
            branding(ctx),
            'This sign-in link no longer works',
            'Sign-in links work once and expire after a few minutes.',
            'Go back to the application and sign in again.',
          ),
        );
        return;
      }
      // The link may be opened in another browser: the rest of the flow continues there.
      requests.rebind(
        request.id,
        browserBinding(req, res, ctx.settings.issuer.startsWith('https:')),
      );
      await authenticated(req, res, request);
    },
  };
}

function noAccessPage(ctx: EmulatorContext): string {
  return errorPage(
    branding(ctx),
    'No organization to enter',
    'Your account is not an active member of any organization this application can open.',
    'Ask an administrator of your organization to invite you.',
  );
}
