// The session cookie's signer for @fastify/session, remembering what it verified and signed:
// the plugin unsigns the cookie and signs the id again on every request, two HMACs that a
// session's repeated requests would otherwise pay each time.
import { Signer } from '@fastify/cookie';
import { LRUCache } from 'lru-cache';

export interface UnsignResult {
  valid: boolean;
  renew: boolean;
  value: string | null;
}

export class CachedCookieSigner {
  private readonly signer: Signer;
  private readonly signed = new LRUCache<string, string>({ max: 10_000 });
  /** Only values whose signature verified enter: a hit is as good as the HMAC check. */
  private readonly verified = new LRUCache<string, UnsignResult>({ max: 10_000 });

  constructor(secret: string) {
    this.signer = new Signer(secret, 'sha256');
  }

  sign(value: string): string {
    const hit = this.signed.get(value);
    if (hit !== undefined) return hit;
    const signed = this.signer.sign(value);
    this.signed.set(value, signed);
    return signed;
  }

  unsign(input: string): UnsignResult {
    const hit = this.verified.get(input);
    if (hit !== undefined) return hit;
    const result = this.signer.unsign(input);
    if (result.valid) this.verified.set(input, result);
    return result;
  }
}
