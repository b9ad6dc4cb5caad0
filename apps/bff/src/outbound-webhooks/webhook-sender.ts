// Sends one signed event to an endpoint: a POST of the stored JSON body with Standard Webhooks
// headers (`webhook-id`, `webhook-timestamp`, `webhook-signature`), which Scalekit's SDK
// `verifyWebhookPayload` and any Standard Webhooks library verify. Every address the host name
// resolves to is checked at connect time, so DNS cannot point an accepted URL at a private
// network later; redirects are not followed; the answer's body is never read into memory.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { isAddressLiteral, isNonPublicAddress } from './target-address.js';

export interface SendOptions {
  allowPrivateTargets: boolean;
  timeoutMs: number;
}

export interface OutgoingEvent {
  url: string;
  secret: string;
  eventId: string;
  /** The exact body to send and sign. */
  payload: string;
}

export type SendOutcome =
  { ok: true; status: number } | { ok: false; status: number | null; error: string };

/** The signature headers of `payload`, signed now. */
export function signatureHeaders(
  secret: string,
  eventId: string,
  payload: string,
  now: Date,
): Record<string, string> {
  return {
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(eventId, now, payload),
  };
}

class RefusedTarget extends Error {}

/** `dns.lookup` that fails when any address of the name is not public. */
function publicOnlyLookup(): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      if (addresses.some((entry) => isNonPublicAddress(entry.address))) {
        callback(new RefusedTarget('resolves to a private address'), '', 0);
        return;
      }
      const first = addresses[0];
      if (options.all === true) callback(null, addresses);
      else if (first === undefined) callback(new RefusedTarget('resolves to no address'), '', 0);
      else callback(null, first.address, first.family);
    });
  };
}

export function sendEvent(event: OutgoingEvent, options: SendOptions): Promise<SendOutcome> {
  const url = new URL(event.url);
  if (!options.allowPrivateTargets && isAddressLiteral(url.hostname)) {
    if (isNonPublicAddress(url.hostname)) {
      return Promise.resolve({
        ok: false,
        status: null,
        error: 'The URL points to a private address',
      });
    }
  }
  const body = Buffer.from(event.payload, 'utf8');
  const headers = {
    'content-type': 'application/json',
    'content-length': String(body.length),
    'user-agent': 'Teamspace-Webhooks/1.0',
    ...signatureHeaders(event.secret, event.eventId, event.payload, new Date()),
  };
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const request = transport.request(url, {
      method: 'POST',
      headers,
      timeout: options.timeoutMs,
      ...(options.allowPrivateTargets ? {} : { lookup: publicOnlyLookup() }),
    });
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      // The answer's body means nothing to us: let it flow away without buffering it.
      response.resume();
      if (status >= 200 && status < 300) resolve({ ok: true, status });
      else resolve({ ok: false, status, error: `The endpoint answered HTTP ${status}` });
    });
    request.on('timeout', () => {
      request.destroy(new Error(`No answer within ${options.timeoutMs} ms`));
    });
    request.on('error', (error) => {
      const message =
        error instanceof RefusedTarget
          ? 'The host name resolves to a private address'
          : error.message.startsWith('No answer')
            ? error.message
            : `Could not reach the endpoint (${(error as NodeJS.ErrnoException).code ?? 'network error'})`;
      resolve({ ok: false, status: null, error: message });
    });
    request.end(body);
  });
}
