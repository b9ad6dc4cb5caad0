// Checks run before an invitation is created or sent through the management API: the
// environment's email domain rules (block public / disposable domains) and the
// PRE_USER_INVITATION interceptor. A refusal leaves nothing created and nothing sent.
import { Code, ConnectError, type HandlerContext, type ServiceImpl } from '@connectrpc/connect';
import type { UserService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/users/users_pb.js';
import type { Organization, Seed, User } from '../domain.js';
import { invalidArgument } from '../directory/errors.js';
import {
  emailDomainOf,
  isDisposableEmailDomain,
  isPublicEmailDomain,
} from '../directory/email-domains.js';
import type { DirectoryStore } from '../directory/store.js';
import { normalizeEmail } from '../directory/validation.js';
import type { InterceptorHooks } from './hooks.js';

type Invitee = { email: string } | { userId: string } | { externalId: string };

export class InvitationGate {
  constructor(
    private readonly deps: { store: DirectoryStore; seed: Seed; hooks: InterceptorHooks },
  ) {}

  /**
   * Throws InvalidArgument for a blocked address and PermissionDenied (with the hook's message)
   * when the interceptor denies. Calls that the management rules refuse anyway (unknown
   * organization, bad address, already a member) pass through untouched.
   */
  async check(
    organizationId: string,
    invitee: Invitee,
    headers: Headers,
    kind: 'new' | 'resend',
  ): Promise<void> {
    const { store } = this.deps;
    const org = store.getOrganization(organizationId);
    const email = this.emailOf(invitee);
    if (org === undefined || email === undefined) return;
    const user = store.findUserByEmail(email);
    const current = user === undefined ? undefined : store.getMembership(org.id, user.id);
    if (current?.status === 'ACTIVE' || current?.status === 'INACTIVE') return;
    if (kind === 'resend' && current === undefined) return;
    if (kind === 'new') this.applyDomainRules(email);
    // A full organization refuses before the hook is bothered (management checks again inside).
    if (kind === 'new' && current === undefined) store.assertSeatAvailable(org.id);
    await this.askInterceptor(org, email, user, headers);
  }

  private emailOf(invitee: Invitee): string | undefined {
    const { store } = this.deps;
    if ('email' in invitee) {
      try {
        return normalizeEmail(invitee.email);
      } catch {
        return undefined;
      }
    }
    const user =
      'userId' in invitee
        ? store.getUser(invitee.userId)
        : store.findUserByExternalId(invitee.externalId);
    return user?.email;
  }

  private applyDomainRules(email: string): void {
    const rules = this.deps.seed.emailDomainRules;
    const domain = emailDomainOf(email);
    if (rules?.blockDisposableDomains === true && isDisposableEmailDomain(domain)) {
      throw invalidArgument(
        `${email} uses a disposable email domain, which this environment blocks`,
      );
    }
    if (rules?.blockPublicDomains === true && isPublicEmailDomain(domain)) {
      throw invalidArgument(`${email} uses a public email domain, which this environment blocks`);
    }
  }

  private async askInterceptor(
    org: Organization,
    email: string,
    user: User | undefined,
    headers: Headers,
  ): Promise<void> {
    const decision = await this.deps.hooks.call(
      'PRE_USER_INVITATION',
      {
        user_email: email,
        ...(user === undefined ? {} : { user_id: user.id }),
        organization_id: org.id,
        user_agent: headers.get('user-agent') ?? '',
      },
      { organization: { id: org.id, name: org.displayName } },
    );
    if (!decision.allowed) throw new ConnectError(decision.message, Code.PermissionDenied);
  }
}

type UserServiceImpl = Partial<ServiceImpl<typeof UserService>>;

/** The user service with the gate in front of every call that creates or sends an invitation. */
export function guardInvitations(impl: UserServiceImpl, gate: InvitationGate): UserServiceImpl {
  const { createUserAndMembership, createMembership, resendInvite } = impl;
  const guarded: UserServiceImpl = { ...impl };
  if (createUserAndMembership) {
    guarded.createUserAndMembership = async (req, context: HandlerContext) => {
      if (req.sendInvitationEmail ?? true) {
        await gate.check(
          req.organizationId,
          { email: req.user?.email ?? '' },
          context.requestHeader,
          'new',
        );
      }
      return createUserAndMembership(req, context);
    };
  }
  if (createMembership) {
    guarded.createMembership = async (req, context: HandlerContext) => {
      const { identities } = req;
      if ((req.sendInvitationEmail ?? true) && identities.case !== undefined) {
        await gate.check(
          req.organizationId,
          identities.case === 'id'
            ? { userId: identities.value }
            : { externalId: identities.value },
          context.requestHeader,
          'new',
        );
      }
      return createMembership(req, context);
    };
  }
  if (resendInvite) {
    guarded.resendInvite = async (req, context: HandlerContext) => {
      await gate.check(req.organizationId, { userId: req.id }, context.requestHeader, 'resend');
      return resendInvite(req, context);
    };
  }
  return guarded;
}
