// Who may join an organization: its allowed email domains (Scalekit domains of type
// ALLOWED_EMAIL_DOMAIN: people on them may join from the sign-in organization picker) and its
// invitation policy (whom admins, and anyone inviting through Scalekit, may invite).
import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema } from './common.js';
import { EmailSchema } from './email.js';

/** Most allowed email domains an organization keeps (one page of Scalekit's domain list). */
export const ALLOWED_DOMAINS_MAX = 30;
/** Most named exception addresses an invitation policy keeps. */
export const POLICY_EXCEPTIONS_MAX = 200;

const DNS_LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
/** At least two labels, the last one not numeric: what Scalekit accepts as a domain name. */
const DOMAIN_NAME = new RegExp(`^(?:${DNS_LABEL}\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$`);

/**
 * A domain name as an admin types it: trimmed and lower-cased, ASCII (internationalised domains
 * in their `xn--` form), at most 253 characters. No scheme, path, port, `@` or wildcard.
 */
export const DomainNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, { message: 'Enter a domain, like acme.com', abort: true })
  .max(253, { message: 'A domain has at most 253 characters', abort: true })
  .regex(DOMAIN_NAME, 'Enter a domain name only, like acme.com (no @, https:// or path)');

export const AllowedDomainSchema = z.object({
  id: IdSchema,
  domain: z.string(),
  createdAt: IsoDateTimeSchema.nullable(),
});
export type AllowedDomain = z.infer<typeof AllowedDomainSchema>;

/** `GET /api/team/allowed-domains` (admins only), oldest first. */
export const ListAllowedDomainsResponseSchema = z.object({
  domains: z.array(AllowedDomainSchema),
});
export type ListAllowedDomainsResponse = z.infer<typeof ListAllowedDomainsResponseSchema>;

/** Body of `POST /api/team/allowed-domains`; answers 201 with the AllowedDomain. */
export const AddAllowedDomainBodySchema = z.object({ domain: DomainNameSchema }).strict();
export type AddAllowedDomainBody = z.infer<typeof AddAllowedDomainBodySchema>;

export const AllowedDomainResponseSchema = z.object({ domain: AllowedDomainSchema });
export type AllowedDomainResponse = z.infer<typeof AllowedDomainResponseSchema>;

/**
 * Whom invitations may go to: `anyone`; `allowed_domains` (addresses on the allowed email
 * domains only); `allowed_domains_and_exceptions` (those, plus the named exception addresses).
 */
export const InvitationPolicyModeSchema = z.enum([
  'anyone',
  'allowed_domains',
  'allowed_domains_and_exceptions',
]);
export type InvitationPolicyMode = z.infer<typeof InvitationPolicyModeSchema>;

export const InvitationPolicySchema = z.object({
  mode: InvitationPolicyModeSchema,
  /** Lower-cased addresses, sorted; they count only under `allowed_domains_and_exceptions`. */
  exceptions: z.array(z.string()),
});
export type InvitationPolicy = z.infer<typeof InvitationPolicySchema>;

/** `GET` and `PUT /api/team/invitation-policy` (admins only): the policy as it is (after the change). */
export const InvitationPolicyResponseSchema = z.object({
  policy: InvitationPolicySchema,
  /** When and by whom it was last changed; null while it is the default (`anyone`). */
  updatedAt: IsoDateTimeSchema.nullable(),
  updatedBy: z.string().nullable(),
});
export type InvitationPolicyResponse = z.infer<typeof InvitationPolicyResponseSchema>;

/** Body of `PUT /api/team/invitation-policy`; duplicate exceptions are merged. */
export const UpdateInvitationPolicyBodySchema = z
  .object({
    mode: InvitationPolicyModeSchema,
    exceptions: z
      .array(EmailSchema)
      .max(POLICY_EXCEPTIONS_MAX, `At most ${POLICY_EXCEPTIONS_MAX} exception addresses`)
      .default([]),
  })
  .strict();
export type UpdateInvitationPolicyBody = z.input<typeof UpdateInvitationPolicyBodySchema>;

/** The domain part of an address, lower-cased (what allowed domains are matched against). */
export function emailDomainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** The sentence shown when the policy refuses an address (invite dialog, CSV row, errors). */
export function domainNotAllowedMessage(email: string, policy: InvitationPolicyMode): string {
  const domain = emailDomainOf(email);
  const exceptions = policy === 'allowed_domains_and_exceptions' ? ' or a named exception' : '';
  return `${domain} is not an allowed domain: this organization only invites addresses on its allowed domains${exceptions}.`;
}

// ---- Scalekit's PRE_USER_INVITATION interceptor ----------------------------------------

/** What the BFF reads of an interceptor call (Scalekit sends more; the rest is ignored). */
export const InterceptorRequestSchema = z.object({
  trigger_point: z.string(),
  interceptor_context: z.object({
    user_email: z.string(),
    organization_id: z.string().optional(),
  }),
});
export type InterceptorRequest = z.infer<typeof InterceptorRequestSchema>;

/** The answer Scalekit expects: ALLOW, or DENY with the message shown to whoever invited. */
export const InterceptorDecisionSchema = z.object({
  decision: z.enum(['ALLOW', 'DENY']),
  error: z.object({ message: z.string() }).optional(),
});
export type InterceptorDecision = z.infer<typeof InterceptorDecisionSchema>;
