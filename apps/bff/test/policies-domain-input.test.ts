// Domain input becomes a Scalekit call (an allowed email domain) and a match rule (who may be
// invited): properties of the domain name an admin types, of the rule that matches addresses
// against allowed domains, and of the provider lists that refuse public and disposable domains.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainNameSchema, type InvitationPolicy } from '@app/contracts';
import { emailProviderKind } from '../src/policies/email-provider-domains.js';
import { judgeInvitation } from '../src/policies/invitation-rule.js';

const RUNS = { seed: 20261130, numRuns: 300, interruptAfterTimeLimit: 10_000 } as const;

/** Domain names Scalekit accepts: fast-check's DNS names whose last label is not numeric. */
const domains = fc
  .domain()
  .map((domain) => domain.toLowerCase())
  .filter((domain) => /^[a-z][a-z0-9-]*[a-z0-9]$/.test(domain.split('.').at(-1) ?? ''));
const localParts = fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,20}[a-z0-9]$/);
const allowedOnly: InvitationPolicy = { mode: 'allowed_domains', exceptions: [] };

describe('the domain name an admin types', () => {
  it('accepts any DNS name, trimmed and lower-cased, and normalising twice changes nothing', () => {
    fc.assert(
      fc.property(domains, fc.constantFrom('', ' ', '\t'), (domain, pad) => {
        const parsed = DomainNameSchema.parse(`${pad}${domain.toUpperCase()}${pad}`);
        expect(parsed).toBe(domain);
        expect(DomainNameSchema.parse(parsed)).toBe(parsed);
      }),
      RUNS,
    );
  });

  it('refuses anything that carries more than a name: an address, a URL, a path, a port, a wildcard or spaces', () => {
    const decorated = fc
      .tuple(
        domains,
        fc.constantFrom(
          (d: string) => `ann@${d}`,
          (d: string) => `https://${d}`,
          (d: string) => `${d}/path`,
          (d: string) => `${d}:443`,
          (d: string) => `*.${d}`,
          (d: string) => `${d}?q=1`,
          (d: string) => d.replace('.', ' .'),
          (d: string) => `${d}.`,
          (d: string) => `.${d}`,
          (d: string) => `${d}\n`.repeat(2),
        ),
      )
      .map(([domain, decorate]) => decorate(domain));
    fc.assert(
      fc.property(decorated, (input) => {
        expect(DomainNameSchema.safeParse(input).success).toBe(false);
      }),
      RUNS,
    );
  });

  it('refuses any string with a character outside letters, digits, dots and hyphens', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 60 }).filter((text) => /[^a-zA-Z0-9.\-\s]/.test(text)),
        (input) => {
          expect(DomainNameSchema.safeParse(input).success).toBe(false);
        },
      ),
      RUNS,
    );
  });

  it('refuses a single label, a numeric top-level label and names over 253 characters', () => {
    expect(DomainNameSchema.safeParse('localhost').success).toBe(false);
    expect(DomainNameSchema.safeParse('10.0.0.1').success).toBe(false);
    expect(DomainNameSchema.safeParse(`${'a'.repeat(60)}.`.repeat(5) + 'com').success).toBe(false);
  });
});

describe('the match rule of an invitation policy', () => {
  it('admits every address on an allowed domain, whatever the case of either side', () => {
    fc.assert(
      fc.property(localParts, domains, fc.boolean(), (local, domain, shout) => {
        const email = `${local}@${shout ? domain.toUpperCase() : domain}`;
        const rule = { policy: allowedOnly, allowedDomains: new Set([domain]) };
        expect(judgeInvitation(rule, email)).toEqual({ allowed: true });
      }),
      RUNS,
    );
  });

  it('refuses subdomains and look-alikes of an allowed domain, naming the domain refused', () => {
    fc.assert(
      fc.property(
        localParts,
        domains,
        fc.constantFrom('sub.', 'x-'),
        fc.constantFrom('', '.evil.test', 'x'),
        (local, domain, prefix, suffix) => {
          const other = `${prefix}${domain}${suffix}`;
          const rule = { policy: allowedOnly, allowedDomains: new Set([domain]) };
          const verdict = judgeInvitation(rule, `${local}@${other}`);
          expect(verdict.allowed).toBe(false);
          if (!verdict.allowed)
            expect(verdict.message).toContain(`${other} is not an allowed domain`);
        },
      ),
      RUNS,
    );
  });

  it('admits named exceptions only under the policy that has them', () => {
    fc.assert(
      fc.property(localParts, domains, (local, domain) => {
        const email = `${local}@${domain}`;
        const exceptions = [email];
        const none = new Set<string>();
        expect(
          judgeInvitation(
            {
              policy: { mode: 'allowed_domains_and_exceptions', exceptions },
              allowedDomains: none,
            },
            email.toUpperCase(),
          ).allowed,
        ).toBe(true);
        expect(
          judgeInvitation(
            { policy: { mode: 'allowed_domains', exceptions }, allowedDomains: none },
            email,
          ).allowed,
        ).toBe(false);
        expect(
          judgeInvitation(
            { policy: { mode: 'anyone', exceptions: [] }, allowedDomains: none },
            email,
          ).allowed,
        ).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('the provider lists', () => {
  it('call public providers public and disposable services disposable, subdomains of wildcard services included', () => {
    expect(emailProviderKind('gmail.com')).toBe('public');
    expect(emailProviderKind('outlook.com')).toBe('public');
    expect(emailProviderKind('mailinator.com')).toBe('disposable');
    expect(emailProviderKind('anything.33mail.com')).toBe('disposable');
    expect(emailProviderKind('acme.test')).toBeUndefined();
  });

  it('never call a domain under the reserved .test top-level domain a provider', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/), (label) => {
        expect(emailProviderKind(`${label}.test`)).toBeUndefined();
      }),
      RUNS,
    );
  });
});
