// Which email domains are public providers (gmail.com, outlook.com...) or disposable
// (mailinator.com...), from maintained npm lists. The lists are large, so they are read on
// first use rather than at start-up.
import { createRequire } from 'node:module';
import { invalidArgument } from './errors.js';

// A runtime require (not bundled): the JSON lists load only when a domain is checked.
const load = createRequire(import.meta.url);

let publicDomains: Set<string> | undefined;
let disposableDomains: Set<string> | undefined;
let disposableWildcards: Set<string> | undefined;

function publicSet(): Set<string> {
  publicDomains ??= new Set(load('email-providers/common.json') as string[]);
  return publicDomains;
}

function disposableSets(): { exact: Set<string>; wildcard: Set<string> } {
  disposableDomains ??= new Set(load('disposable-email-domains') as string[]);
  disposableWildcards ??= new Set(load('disposable-email-domains/wildcard.json') as string[]);
  return { exact: disposableDomains, wildcard: disposableWildcards };
}

/** The domain itself and each parent (a.b.c -> a.b.c, b.c, c). */
function selfAndParents(domain: string): string[] {
  const labels = domain.split('.');
  return labels.map((_, index) => labels.slice(index).join('.'));
}

export function isPublicEmailDomain(domain: string): boolean {
  return publicSet().has(domain.toLowerCase());
}

export function isDisposableEmailDomain(domain: string): boolean {
  const { exact, wildcard } = disposableSets();
  const lower = domain.toLowerCase();
  return exact.has(lower) || selfAndParents(lower).some((candidate) => wildcard.has(candidate));
}

/** The part after the last "@", lower-cased. */
export function emailDomainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const DOMAIN_PATTERN = new RegExp(`^(?:${LABEL}\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$`);

/** A DNS name of at least two labels (the last one not numeric), lower-cased; else InvalidArgument. */
export function normalizeDomainName(raw: string): string {
  const domain = raw.trim().toLowerCase();
  if (domain === '') throw invalidArgument('domain is required');
  if (domain.length > 253 || !DOMAIN_PATTERN.test(domain)) {
    throw invalidArgument(`domain "${raw}" is not a valid domain name`);
  }
  return domain;
}
