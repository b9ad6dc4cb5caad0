// Asking to join from the sign-in page, signed out. The address is proven first: the person is
// emailed a single-use, expiring link, and only following it files a request in each
// organization that takes requests from the address's domain. The answer to asking is the same
// whatever the address, so it tells nobody which domains have a team; the email says.
import type { JoinRequestStatusResponse } from '@app/contracts';
import { pages } from '@app/contracts';
import { AppError } from '../errors/app-error.js';
import type { Mailer } from '../mail/mailer.js';
import type { ScalekitGateway } from '../team/scalekit-types.js';
import type { AccessRequests } from './access-requests.js';
import { JoinLinks, STATUS_LINK_TTL_SECONDS } from './join-links.js';
import { emailDomainOf } from './public-email-domains.js';
import { joinLinkMail, joinNoTeamMail, requestReceivedMail } from './request-mail.js';
import type { RequestStore, StoredRequest } from './request-store.js';

export const ASK_TO_JOIN_ANSWER =
  'Check your inbox: we emailed you a link to confirm your request.';

export interface JoinRequestsDeps {
  store: RequestStore;
  requests: AccessRequests;
  gateway: ScalekitGateway;
  mailer: Mailer;
  links: JoinLinks;
  publicUrl: string;
  linkTtlSeconds: number;
  /** Emails one address may be sent per hour. */
  perAddressPerHour: number;
}

const HOUR_MS = 3_600_000;

function unavailable(): AppError {
  return new AppError(
    'join_requests_unavailable',
    'Asking to join is not available right now: this server cannot send email.',
  );
}

export class JoinRequests {
  constructor(private readonly deps: JoinRequestsDeps) {}

  private link(query: 'confirm' | 'token', token: string): string {
    return `${this.deps.publicUrl}${pages.joinRequest}?${query}=${token}`;
  }

  /** Emails the confirmation link (or, when no team takes the domain, says so). */
  async ask(email: string): Promise<void> {
    const { mailer, store, links, linkTtlSeconds } = this.deps;
    if (!mailer.available) throw unavailable();
    // Kept in the app's database, so the limit holds whichever instance is asked.
    const now = new Date();
    const counted = await store.countLinkSend(
      email,
      now,
      new Date(now.getTime() - HOUR_MS),
      this.deps.perAddressPerHour,
    );
    if (!counted.allowed) {
      const waitMs = counted.oldestSentAt.getTime() + HOUR_MS - now.getTime();
      throw new AppError('rate_limited', 'Too many requests for this address. Try again later.', {
        retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
      });
    }
    const domain = emailDomainOf(email);
    const organizations = await store.organizationsForJoinDomain(domain);
    const mail =
      organizations.length === 0
        ? joinNoTeamMail(email, domain)
        : joinLinkMail(
            email,
            this.link('confirm', links.issue('confirm', email, linkTtlSeconds, now)),
            Math.round(linkTtlSeconds / 60),
          );
    try {
      await mailer.send(mail);
    } catch (error) {
      throw new AppError(
        'join_requests_unavailable',
        'The email could not be sent. Try again later.',
        {
          cause: error,
        },
      );
    }
  }

  /** Follows a confirmation link (once): files the requests and emails the status link. */
  async confirm(token: string, ip: string | null): Promise<JoinRequestStatusResponse> {
    const { store, links, requests, mailer } = this.deps;
    const now = new Date();
    const link = links.verify(token, 'confirm', now);
    if (!(await store.useLink(link.id, link.expiresAt, now))) {
      throw new AppError('invalid_link', 'This link was used already. Ask to join again.');
    }
    const organizations = await store.organizationsForJoinDomain(emailDomainOf(link.email));
    const filed: StoredRequest[] = [];
    for (const organizationId of organizations) {
      const { request } = await requests.file({
        organizationId,
        organizationName: await this.organizationName(organizationId),
        kind: 'join',
        email: link.email,
        by: { requester: link.email },
        ip,
      });
      filed.push(request);
    }
    const statusToken = links.issue('status', link.email, STATUS_LINK_TTL_SECONDS, now);
    if (filed.length > 0 && mailer.available) {
      const names = filed.map((request) => request.organizationName || 'the team');
      // The requests are filed; a failed receipt only loses the email, not the request.
      await mailer
        .send(requestReceivedMail(link.email, names, this.link('token', statusToken)))
        .catch(() => undefined);
    }
    return this.statusOf(link.email, statusToken);
  }

  /** The requester's view of their join requests, from a status link. */
  async status(token: string): Promise<JoinRequestStatusResponse> {
    const link = this.deps.links.verify(token, 'status', new Date());
    return this.statusOf(link.email, token);
  }

  private async statusOf(email: string, statusToken: string): Promise<JoinRequestStatusResponse> {
    const requests = await this.deps.store.joinRequestsOf(email);
    return {
      email,
      statusToken,
      requests: requests.map((request) => ({
        organizationName: request.organizationName,
        status: request.status,
        createdAt: request.createdAt,
        decidedAt: request.decidedAt,
        declineReason: request.declineReason,
      })),
    };
  }

  private async organizationName(organizationId: string): Promise<string> {
    return this.deps.gateway
      .call((client) => client.organization.getOrganization(organizationId))
      .then((answer) => answer.organization?.displayName ?? '')
      .catch(() => '');
  }
}
