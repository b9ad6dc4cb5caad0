// The end of every authorize request: which organization the user enters (given, preferred,
// the only one, or picked), and issuing the code back to the registered redirect URI.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  EmulatorContext,
  Events,
  Invitations,
  Membership,
  Organization,
  OrganizationJoin,
  SignUpOutcome,
  SignUpRequest,
  User,
} from '../domain.js';
import { acceptInvitation, isInviteLapsed } from './acceptance.js';
import type { AuthRequestRow, AuthRequestStore } from './auth-requests.js';
import { userEventData } from './event-data.js';
import type { GrantStore } from './grants.js';
import { redirect, sendHtml, withQuery } from './http.js';
import { branding, errorPage } from './pages.js';
import { DirectoryError } from '../directory/errors.js';
import type { SessionCreationHook } from '../interceptors/session-creation.js';
import type { SessionStore } from './sessions.js';

export interface FlowDeps {
  ctx: EmulatorContext;
  sessionCreation: SessionCreationHook;
  grants: GrantStore;
  sessions: SessionStore;
  requests: AuthRequestStore;
  events: Events;
  invitations: Invitations;
}

export type Resolution =
  | { kind: 'enter'; membership: Membership }
  | { kind: 'pick'; choices: Membership[] }
  | { kind: 'none' };

export function promptValues(request: Pick<AuthRequestRow, 'prompt'>): string[] {
  return (request.prompt ?? '').split(' ').filter(Boolean);
}

export function signInPageUrl(requestId: string): string {
  return `/sign-in?request=${encodeURIComponent(requestId)}`;
}

export class Flow {
  private organizationJoin: OrganizationJoin | null = null;

  constructor(private readonly deps: FlowDeps) {}

  /** Wired after construction: joining needs the directory's domains, built after the auth surface. */
  enableJoin(join: OrganizationJoin): void {
    this.organizationJoin = join;
  }

  /**
   * Organizations the user could join through an allowed email domain. They are offered on a
   * fresh sign-in and when the user asks for the picker, not on a silent re-authorization.
   */
  joinable(user: User, organizationId: string | null): Organization[] {
    return this.organizationJoin?.suggestions(user, organizationId) ?? [];
  }

  /** Organizations a person without an account could sign up to join. */
  openTo(email: string, organizationId: string | null): Organization[] {
    return this.organizationJoin?.openTo(email, organizationId) ?? [];
  }

  signUp(email: string, request: SignUpRequest): Promise<SignUpOutcome> {
    if (this.organizationJoin === null) {
      return Promise.resolve({ kind: 'refused', message: `There is no account for ${email}.` });
    }
    return this.organizationJoin.signUp(email, request);
  }

  /** Joins a suggested organization; undefined when it is not (or no longer) joinable. */
  join(user: User, organizationId: string): Membership | { refused: string } | undefined {
    if (!this.joinable(user, organizationId).some((org) => org.id === organizationId)) {
      return undefined;
    }
    try {
      return this.organizationJoin?.join(user, organizationId);
    } catch (error) {
      // A rule of the directory (the seat limit) said no: the person sees why.
      if (error instanceof DirectoryError) return { refused: error.message };
      throw error;
    }
  }

  /**
   * Memberships the user may enter: ACTIVE ones, plus live invitations when the user has just
   * proven their email (a fresh sign-in accepts the invitation).
   */
  enterable(userId: string, includePending: boolean, organizationId: string | null): Membership[] {
    return this.deps.ctx.directory.listMembershipsOfUser(userId).filter((membership) => {
      if (organizationId !== null && membership.organizationId !== organizationId) return false;
      if (membership.status === 'ACTIVE') return true;
      return (
        includePending &&
        membership.status === 'PENDING_INVITE' &&
        !isInviteLapsed(this.deps.ctx, membership)
      );
    });
  }

  resolve(
    request: AuthRequestRow,
    userId: string,
    includePending: boolean,
    preferredOrganizationId: string | null,
  ): Resolution {
    const choices = this.enterable(userId, includePending, request.organization_id);
    const picker = promptValues(request).includes('select_account');
    const user = this.deps.ctx.directory.getUser(userId);
    const suggested =
      user !== undefined && (includePending || picker)
        ? this.joinable(user, request.organization_id).length > 0
        : false;
    const [first] = choices;
    if (!first) return suggested ? { kind: 'pick', choices } : { kind: 'none' };
    // select_account naming an organization is a switch to it: a member enters at once, as
    // Scalekit does when the app's organization switcher names where to go.
    if (picker && request.organization_id === null) return { kind: 'pick', choices };
    const preferred = choices.find((m) => m.organizationId === preferredOrganizationId);
    if (preferred) return { kind: 'enter', membership: preferred };
    if (suggested) return { kind: 'pick', choices };
    if (choices.length === 1) return { kind: 'enter', membership: first };
    return { kind: 'pick', choices };
  }

  /**
   * Asks PRE_SESSION_CREATION, then issues the code and sends the browser back to the
   * application. A denied sign-in changes nothing (an invitation stays pending).
   */
  async complete(
    req: IncomingMessage,
    res: ServerResponse,
    request: AuthRequestRow,
    user: User,
    chosen: Membership,
  ): Promise<void> {
    const { ctx, grants, sessions, requests, events, invitations } = this.deps;
    const sessionId = request.session_id;
    if (sessionId !== null) {
      const decision = await this.deps.sessionCreation.check(
        req,
        sessionId,
        user,
        chosen.organizationId,
      );
      if (!decision.allowed) {
        if (promptValues(request).includes('none')) {
          this.fail(res, request, 'access_denied', decision.message);
          return;
        }
        requests.complete(request.id, ctx.now().getTime());
        sendHtml(res, 403, errorPage(branding(ctx), 'Sign-in not allowed', decision.message));
        return;
      }
    }
    const nowMs = ctx.now().getTime();
    if (sessionId === null || !requests.complete(request.id, nowMs)) {
      sendHtml(
        res,
        400,
        errorPage(
          branding(ctx),
          'This sign-in is already finished',
          'This sign-in request was already completed or has expired.',
          'Go back to the application and sign in again.',
        ),
      );
      return;
    }
    const membership =
      chosen.status === 'PENDING_INVITE'
        ? acceptInvitation(ctx, events, invitations, user, chosen.organizationId)
        : chosen;
    sessions.enteredOrganization(sessionId, membership.organizationId, request.client_id);
    const code = grants.createCode(
      {
        clientId: request.client_id,
        redirectUri: request.redirect_uri,
        userId: user.id,
        organizationId: membership.organizationId,
        sessionId,
        scope: request.scope,
        nonce: request.nonce,
        codeChallenge: request.code_challenge,
      },
      nowMs,
      ctx.settings.authCodeTtlSeconds,
    );
    if (request.fresh_login === 1) {
      events.emit('user.login', membership.organizationId, 'User', { user: userEventData(user) });
    }
    redirect(
      res,
      withQuery(request.redirect_uri, { code, state: request.state ?? undefined }),
      303,
    );
  }

  /** An OAuth error back to the (already validated) redirect URI. */
  fail(res: ServerResponse, request: AuthRequestRow, error: string, description: string): void {
    this.deps.requests.complete(request.id, this.deps.ctx.now().getTime());
    redirect(
      res,
      withQuery(request.redirect_uri, {
        error,
        error_description: description,
        state: request.state ?? undefined,
      }),
      303,
    );
  }
}
