// Registered OAuth clients (from the seed) and client authentication at the token endpoint:
// client_secret_post (what the SDK sends) and client_secret_basic.
import type { IncomingMessage } from 'node:http';
import type { ClientRegistration, Seed } from '../domain.js';
import { safeEqual } from './crypto.js';
import { single } from './http.js';

export type ClientAuthResult =
  | { ok: true; client: ClientRegistration }
  | { ok: false; status: 400 | 401; error: string; description: string; basic: boolean };

export class ClientRegistry {
  constructor(private readonly seed: Seed) {}

  find(clientId: string | undefined): ClientRegistration | undefined {
    if (!clientId) return undefined;
    return this.seed.clients.find((client) => client.id === clientId);
  }

  /** The application's initiate-login URL: the first client that registered one. */
  initiateLoginUrl(): string | null {
    return this.seed.clients.find((client) => client.initiateLoginUrl)?.initiateLoginUrl ?? null;
  }

  authenticate(req: IncomingMessage, form: URLSearchParams): ClientAuthResult {
    const basic = parseBasic(req.headers.authorization);
    const bodyId = single(form, 'client_id');
    const bodySecret = single(form, 'client_secret');
    if (basic && bodySecret !== undefined) {
      return refuse(400, 'invalid_request', 'use one client authentication method, not two', true);
    }
    if (basic && bodyId !== undefined && bodyId !== basic.id) {
      return refuse(400, 'invalid_request', 'client_id does not match the credentials', true);
    }
    const id = basic?.id ?? bodyId;
    const secret = basic?.secret ?? bodySecret;
    const client = this.find(id);
    // One answer for an unknown client and a wrong secret, so ids cannot be probed.
    if (!client || secret === undefined || !safeEqual(secret, client.secret)) {
      return refuse(401, 'invalid_client', 'client authentication failed', basic !== null);
    }
    return { ok: true, client };
  }
}

function refuse(
  status: 400 | 401,
  error: string,
  description: string,
  basic: boolean,
): ClientAuthResult {
  return { ok: false, status, error, description, basic };
}

function parseBasic(header: string | undefined): { id: string; secret: string } | null {
  if (!header?.toLowerCase().startsWith('basic ')) return null;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const index = decoded.indexOf(':');
  if (index < 0) return null;
  try {
    // RFC 6749 section 2.3.1: both parts are form-urlencoded before base64.
    return {
      id: decodeURIComponent(decoded.slice(0, index).replace(/\+/g, ' ')),
      secret: decodeURIComponent(decoded.slice(index + 1).replace(/\+/g, ' ')),
    };
  } catch {
    return null;
  }
}
