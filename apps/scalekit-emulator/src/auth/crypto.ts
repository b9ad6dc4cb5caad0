// Small cryptographic helpers shared by the auth modules: random identifiers, hashes, and
// constant-time comparison.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** An unguessable value for codes, refresh tokens and cookies (256 bits, base64url). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** A Scalekit-style identifier such as `ses_...` or `evt_...`. */
export function randomId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

/** Secrets are stored hashed, so a leaked database does not hand out live tokens. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function sha256Base64Url(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

export function hmacBase64Url(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value).digest('base64url');
}

/** Compares two strings without leaking where they differ. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** OIDC at_hash / c_hash: base64url of the left half of the SHA-256 digest (RS256). */
export function halfHash(value: string): string {
  const digest = createHash('sha256').update(value).digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}
