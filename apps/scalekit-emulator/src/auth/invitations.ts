// Invitation links (implements `Invitations`): HMAC-signed, single-use, expiring with the
// membership. `send` retires older links and queues the email; following a good link accepts
// the invitation, starts an emulator session and goes to the app's initiate-login URL.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Database from 'better-sqlite3';
import type {
  EmulatorContext,
  Events,
  Invitations,
  Membership,
  Organization,
  User,
} from '../domain.js';
import { acceptInvitation } from './acceptance.js';
import type { ClientRegistry } from './clients.js';
import { hmacBase64Url, randomToken, safeEqual } from './crypto.js';
import { redirect, sendHtml, single } from './http.js';
import type { MailOutbox } from './mail/outbox.js';
import { invitationEmail } from './mail/templates.js';
import { branding, errorPage, noticePage, type PageLink } from './pages.js';
import type { SessionStore } from './sessions.js';
import { prepared } from './statements.js';

export const INVITE_ACCEPT_PATH = '/invite/accept';

interface InvitationRow {
  id: string;
  organization_id: string;
  user_id: string;
  used_at: number | null;
  revoked_at: number | null;
}

/** The app's sign-in screen (the origin of its initiate-login URL + `/sign-in`), a way back. */
function appSignInLink(initiateLoginUrl: string | null): PageLink | undefined {
  if (!initiateLoginUrl) return undefined;
  return { href: new URL('/sign-in', initiateLoginUrl).href, text: 'Go to sign in' };
}

export interface InvitationDeps {
  ctx: EmulatorContext;
  outbox: MailOutbox;
  clients: ClientRegistry;
  secret: Buffer;
}

export class InvitationService implements Invitations {
  private readonly db: Database.Database;
  // Wired after construction: sessions and events depend on this service too.
  private sessions: SessionStore | null = null;
  private events: Events | null = null;

  constructor(private readonly deps: InvitationDeps) {
    this.db = deps.ctx.db;
  }

  attach(sessions: SessionStore, events: Events): void {
    this.sessions = sessions;
    this.events = events;
  }

  /** The link for an invitation id: `<id>.<HMAC-SHA256(id)>`. */
  linkFor(id: string): string {
    const url = new URL(INVITE_ACCEPT_PATH, this.deps.ctx.settings.issuer);
    url.searchParams.set('token', `${id}.${hmacBase64Url(this.deps.secret, id)}`);
    return url.toString();
  }

  send(input: {
    organization: Organization;
    user: User;
    membership: Membership;
    inviterEmail: string | null;
  }): void {
    const { ctx, outbox } = this.deps;
    const now = ctx.now();
    const id = randomToken(18);
    this.db.transaction(() => {
      this.revokeAt(input.organization.id, input.user.id, now.getTime());
      prepared(
        this.db,
        'INSERT INTO auth_invitations (id, organization_id, user_id, created_at) VALUES (?, ?, ?, ?)',
      ).run(id, input.organization.id, input.user.id, now.getTime());
    })();
    const expiresAt =
      input.membership.expiresAt ?? new Date(now.getTime() + ctx.settings.inviteTtlSeconds * 1000);
    outbox.enqueue(
      invitationEmail({
        to: input.user.email,
        organizationName: input.organization.displayName,
        inviterEmail: input.inviterEmail,
        environmentName: ctx.seed.environment.name,
        link: this.linkFor(id),
        expiresAt,
      }),
    );
  }

  revoke(organizationId: string, userId: string): void {
    this.revokeAt(organizationId, userId, this.deps.ctx.now().getTime());
  }

  private revokeAt(organizationId: string, userId: string, nowMs: number): void {
    prepared(
      this.db,
      `UPDATE auth_invitations SET revoked_at = ?
         WHERE organization_id = ? AND user_id = ? AND used_at IS NULL AND revoked_at IS NULL`,
    ).run(nowMs, organizationId, userId);
  }

  private find(token: string | undefined): InvitationRow | undefined {
    if (!token) return undefined;
    const dot = token.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const id = token.slice(0, dot);
    if (!safeEqual(token.slice(dot + 1), hmacBase64Url(this.deps.secret, id))) return undefined;
    return prepared(this.db, 'SELECT * FROM auth_invitations WHERE id = ?').get(id) as
      InvitationRow | undefined;
  }

  /** GET /invite/accept?token=... */
  handleAccept(req: IncomingMessage, res: ServerResponse): void {
    const { ctx, clients } = this.deps;
    const params = new URL(req.url ?? '/', 'http://emulator').searchParams;
    const row = this.find(single(params, 'token'));
    if (!row) {
      sendHtml(
        res,
        400,
        errorPage(
          branding(this.deps.ctx),
          'This invitation link is not valid',
          'The link is incomplete or has been altered.',
          'Open the link exactly as it appears in your invitation email.',
        ),
      );
      return;
    }
    const organization = ctx.directory.getOrganization(row.organization_id);
    const orgName = organization?.displayName ?? 'the organization';
    const membership = ctx.directory.getMembership(row.organization_id, row.user_id);
    const user = ctx.directory.getUser(row.user_id);
    const signIn = clients.initiateLoginUrl();
    const back = appSignInLink(signIn);
    if (row.used_at !== null || membership?.status === 'ACTIVE') {
      sendHtml(
        res,
        410,
        row.used_at !== null && membership?.status === 'ACTIVE' && signIn
          ? noticePage(
              branding(this.deps.ctx),
              'This invitation was already accepted',
              `You are already a member of ${orgName}. Invitation links work once.`,
              { href: signIn, text: 'Sign in' },
            )
          : errorPage(
              branding(this.deps.ctx),
              'This invitation link was already used',
              'Invitation links work once.',
              'Sign in to the application, or ask an administrator for a new invitation.',
              back,
            ),
      );
      return;
    }
    if (row.revoked_at !== null || !membership || !user || membership.status === 'INACTIVE') {
      sendHtml(
        res,
        410,
        errorPage(
          branding(this.deps.ctx),
          'This invitation is no longer valid',
          `The invitation to ${orgName} was withdrawn or replaced by a newer one.`,
          'Use the most recent invitation email, or ask an administrator to invite you again.',
          back,
        ),
      );
      return;
    }
    const nowMs = ctx.now().getTime();
    const lapsed =
      membership.status === 'INVITE_EXPIRED' ||
      (membership.expiresAt !== null && membership.expiresAt.getTime() <= nowMs);
    if (lapsed) {
      if (membership.status !== 'INVITE_EXPIRED') {
        ctx.directory.markInviteExpired(row.organization_id, row.user_id);
      }
      sendHtml(
        res,
        410,
        errorPage(
          branding(this.deps.ctx),
          'This invitation has expired',
          `The invitation to ${orgName} has expired.`,
          'Ask an administrator of the organization to send you a new one.',
          back,
        ),
      );
      return;
    }
    const claimed =
      prepared(
        this.db,
        'UPDATE auth_invitations SET used_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL',
      ).run(nowMs, row.id).changes === 1;
    if (!claimed || !this.sessions || !this.events) {
      sendHtml(
        res,
        410,
        errorPage(
          branding(this.deps.ctx),
          'This invitation link was already used',
          'Invitation links work once.',
          undefined,
          back,
        ),
      );
      return;
    }
    acceptInvitation(ctx, this.events, this, user, row.organization_id);
    this.sessions.start(req, res, user.id, row.organization_id);
    if (signIn) {
      redirect(res, signIn);
      return;
    }
    sendHtml(
      res,
      200,
      noticePage(
        branding(this.deps.ctx),
        'Invitation accepted',
        `You are now a member of ${orgName}. You can sign in to the application.`,
      ),
    );
  }
}
