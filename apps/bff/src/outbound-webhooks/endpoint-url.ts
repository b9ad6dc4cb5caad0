// The rules for the URL an organization registers to receive events: it becomes the target of
// requests the BFF makes, so it must be https on a public host (no credentials, no internal
// names, no private addresses). A development setting lets http://localhost and private
// addresses through for local receivers; production refuses that setting.
import { isAddressLiteral, isNonPublicAddress } from './target-address.js';

export interface EndpointUrlPolicy {
  /** Allow loopback/private targets and plain http to loopback (development and tests only). */
  allowPrivateTargets: boolean;
}

export type EndpointUrlCheck = { ok: true; url: string } | { ok: false; message: string };

const LOOPBACK_NAMES = /^(localhost|.+\.localhost)$/i;
/** Names that only resolve inside a network: never a partner's public endpoint. */
const INTERNAL_SUFFIXES = /\.(local|internal|intranet|lan|home|corp|localdomain|home\.arpa)$/i;

function isLoopbackHost(hostname: string): boolean {
  if (LOOPBACK_NAMES.test(hostname)) return true;
  const bare = hostname.replace(/^\[|\]$/g, '');
  return bare === '::1' || /^127\./.test(bare);
}

const refuse = (message: string): EndpointUrlCheck => ({ ok: false, message });

/** Checks `raw` against the rules; the accepted URL comes back normalised, without fragment. */
export function checkEndpointUrl(raw: string, policy: EndpointUrlPolicy): EndpointUrlCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return refuse('Enter a full URL, such as https://example.com/webhooks');
  }
  const { hostname } = url;
  const loopback = isLoopbackHost(hostname);
  if (url.protocol !== 'https:') {
    const localHttp = url.protocol === 'http:' && loopback && policy.allowPrivateTargets;
    if (!localHttp) return refuse('The URL must start with https://');
  }
  if (url.username !== '' || url.password !== '') {
    return refuse('The URL must not contain a user name or password');
  }
  if (hostname === '') return refuse('Enter a full URL, such as https://example.com/webhooks');
  if (!policy.allowPrivateTargets) {
    if (loopback) return refuse('The URL must point to a public host, not this machine');
    if (isAddressLiteral(hostname)) {
      if (isNonPublicAddress(hostname)) {
        return refuse('The URL must point to a public address, not a private or reserved one');
      }
    } else if (!hostname.includes('.') || INTERNAL_SUFFIXES.test(hostname)) {
      return refuse('The URL must use a public host name');
    }
  }
  url.hash = '';
  return { ok: true, url: url.href };
}
