// Invites one person into an organization: Scalekit creates the user (or, for someone who
// already has an account elsewhere, the membership) and emails the link; the role and the
// inviter go on the membership right after, since createUserAndMembership carries neither.
import type { Member } from '@app/contracts';
import { AppError } from '../errors/app-error.js';
import { findMemberByEmail, findUserByEmail, getMember } from './member-directory.js';
import { INVITED_BY_METADATA_KEY, toMember } from './member-mapping.js';
import { isConflict } from './scalekit-errors.js';
import type { ScalekitGateway, ScalekitUser } from './scalekit-types.js';

export interface InviteInput {
  organizationId: string;
  inviterEmail: string;
  email: string;
  givenName?: string | undefined;
  familyName?: string | undefined;
  role: string;
  /** Set on a new user; someone who already has an account keeps theirs. */
  externalId?: string | undefined;
  metadata?: Record<string, string> | undefined;
}

export type InviteResult =
  { outcome: 'invited'; member: Member } | { outcome: 'already_member'; member: Member };

/** Wraps each Scalekit call, e.g. to share a RateLimitGate; the default runs it as is. */
export type CallRunner = <T>(fn: () => Promise<T>) => Promise<T>;
const direct: CallRunner = (fn) => fn();

/**
 * Membership metadata: the caller's metadata plus who invited. It lives on the membership,
 * not on the user, because a user's own metadata is shared by every organization they join.
 */
function membershipMetadata(input: InviteInput): Record<string, string> {
  return { ...input.metadata, [INVITED_BY_METADATA_KEY]: input.inviterEmail };
}

export async function inviteMember(
  gateway: ScalekitGateway,
  input: InviteInput,
  run: CallRunner = direct,
): Promise<InviteResult> {
  const { organizationId: org, email } = input;
  const userProfile =
    input.givenName !== undefined || input.familyName !== undefined
      ? { firstName: input.givenName ?? '', lastName: input.familyName ?? '' }
      : undefined;
  let user: ScalekitUser | undefined;
  let roleSet = false;
  try {
    const created = await run(() =>
      gateway.call((client) =>
        client.user.createUserAndMembership(org, {
          email,
          ...(userProfile === undefined ? {} : { userProfile }),
          ...(input.externalId === undefined ? {} : { externalId: input.externalId }),
          sendInvitationEmail: true,
        }),
      ),
    );
    user = created.user;
  } catch (error) {
    if (!isConflict(error)) throw error;
    // Either a member of this organization already, or someone with an account elsewhere.
    const existing = await findMemberByEmail(gateway, org, email);
    if (existing !== undefined) return { outcome: 'already_member', member: existing };
    const elsewhere = await findUserByEmail(gateway, email);
    if (elsewhere === undefined) {
      // Nobody has the email: the conflict was the external id, which is unique per environment.
      if (input.externalId !== undefined) {
        throw new AppError(
          'external_id_taken',
          `Another person already has the external id "${input.externalId}".`,
          { cause: error },
        );
      }
      throw error;
    }
    const created = await run(() =>
      gateway.call((client) =>
        client.user.createMembership(org, elsewhere.id, {
          roles: [input.role],
          metadata: membershipMetadata(input),
          sendInvitationEmail: true,
        }),
      ),
    );
    user = created.user;
    roleSet = true;
  }
  if (user === undefined) throw new AppError('internal_error', 'Scalekit returned no user.');
  const userId = user.id;
  if (!roleSet) {
    const updated = await run(() =>
      gateway.call((client) =>
        client.user.updateMembership(org, userId, {
          roles: [input.role],
          metadata: membershipMetadata(input),
        }),
      ),
    );
    user = updated.user ?? user;
  }
  const member = toMember(user, org) ?? (await getMember(gateway, org, userId));
  return { outcome: 'invited', member };
}

/** The sentence shown for an email that already belongs to the organization. */
export function alreadyMemberReason(member: Member): string {
  switch (member.status) {
    case 'pending':
      return 'Already invited; the invitation is pending.';
    case 'expired':
      return 'Already invited; the invitation expired (resend it from the Team page).';
    case 'inactive':
      return 'Already a member (deactivated).';
    default:
      return 'Already a member.';
  }
}
