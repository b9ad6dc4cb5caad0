// The match rule of an invitation policy, pure so the single invite, every CSV row and the
// Scalekit interceptor judge an address the same way. A domain matches exactly (case aside):
// an allowed `acme.com` admits `ann@acme.com`, not `ann@eu.acme.com` nor `ann@acme.com.evil`,
// the way Scalekit matches allowed email domains in its organization picker.
import { domainNotAllowedMessage, emailDomainOf, type InvitationPolicy } from '@app/contracts';

export interface InvitationRule {
  policy: InvitationPolicy;
  /** Lower-cased allowed email domains; only read when the policy is not `anyone`. */
  allowedDomains: ReadonlySet<string>;
}

export type InvitationVerdict = { allowed: true } | { allowed: false; message: string };

export const ANYONE: InvitationPolicy = { mode: 'anyone', exceptions: [] };

export function judgeInvitation(rule: InvitationRule, email: string): InvitationVerdict {
  const { policy } = rule;
  if (policy.mode === 'anyone') return { allowed: true };
  const address = email.trim().toLowerCase();
  if (rule.allowedDomains.has(emailDomainOf(address))) return { allowed: true };
  if (policy.mode === 'allowed_domains_and_exceptions' && policy.exceptions.includes(address)) {
    return { allowed: true };
  }
  return { allowed: false, message: domainNotAllowedMessage(address, policy.mode) };
}
