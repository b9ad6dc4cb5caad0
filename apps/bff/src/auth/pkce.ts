// Random values of a sign-in: state, nonce and PKCE verifier (256 bits each) and the S256
// challenge of the verifier.
import { createHash, randomBytes } from 'node:crypto';

export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export function codeChallengeS256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}
