// Which email domains can never be request-to-join domains: public providers (gmail.com...) and
// disposable ones (mailinator.com...), from the same maintained lists the emulator uses
// (docs/decisions/006). The lists are large, so they load on the first check.
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

let publicDomains: Set<string> | undefined;
let disposable: { exact: Set<string>; wildcard: Set<string> } | undefined;

/** The domain itself and each parent (a.b.c -> a.b.c, b.c, c). */
function selfAndParents(domain: string): string[] {
  const labels = domain.split('.');
  return labels.map((_, index) => labels.slice(index).join('.'));
}

export function isPublicEmailDomain(domain: string): boolean {
  publicDomains ??= new Set(load('email-providers/common.json') as string[]);
  return publicDomains.has(domain.toLowerCase());
}

export function isDisposableEmailDomain(domain: string): boolean {
  disposable ??= {
    exact: new Set(load('disposable-email-domains') as string[]),
    wildcard: new Set(load('disposable-email-domains/wildcard.json') as string[]),
  };
  const lower = domain.toLowerCase();
  const { exact, wildcard } = disposable;
  return exact.has(lower) || selfAndParents(lower).some((candidate) => wildcard.has(candidate));
}

/** The part after the last "@", lower-cased. */
export function emailDomainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}
