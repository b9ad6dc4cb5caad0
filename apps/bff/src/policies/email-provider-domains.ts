// Which domains can never be an organization's allowed email domain: public email providers
// (gmail.com, outlook.com...) and disposable-address services (mailinator.com...), from the same
// maintained lists Scalekit's emulator refuses them with. Checked here first so that the admin
// gets a precise code (`public_email_domain`, `disposable_email_domain`) rather than Scalekit's
// generic refusal. The lists are large: read on first use, not at start-up.
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

let lists:
  | { public: ReadonlySet<string>; disposable: ReadonlySet<string>; wildcard: ReadonlySet<string> }
  | undefined;

function domainLists(): NonNullable<typeof lists> {
  lists ??= {
    public: new Set(load('email-providers/common.json') as string[]),
    disposable: new Set(load('disposable-email-domains') as string[]),
    // Services that hand out every subdomain (anything.33mail.com) are listed once.
    wildcard: new Set(load('disposable-email-domains/wildcard.json') as string[]),
  };
  return lists;
}

export type ProviderKind = 'public' | 'disposable';

/** What kind of provider a lower-cased domain belongs to, if it is one. */
export function emailProviderKind(domain: string): ProviderKind | undefined {
  const { public: publicDomains, disposable, wildcard } = domainLists();
  if (disposable.has(domain)) return 'disposable';
  const labels = domain.split('.');
  for (let start = 0; start < labels.length - 1; start += 1) {
    if (wildcard.has(labels.slice(start).join('.'))) return 'disposable';
  }
  return publicDomains.has(domain) ? 'public' : undefined;
}
