// Making and recognising organization API keys. A key is `tsk_live_` plus 256 random bits; only
// its SHA-256 is stored. A fast hash is enough for a secret this long (nobody can guess one, so
// there is nothing for a slow hash to slow down), and it lets a request find its key with one
// indexed read (docs/decisions/014-api-keys.md).
import { createHash, randomBytes } from 'node:crypto';
import { API_KEY_PATTERN, API_KEY_PREFIX } from '@app/contracts';

/** Characters of the key kept as its hint: the prefix and four of the secret. */
const HINT_LENGTH = API_KEY_PREFIX.length + 4;

export interface NewApiKeySecret {
  /** The whole key: answered once, never stored. */
  secret: string;
  hash: string;
  hint: string;
}

export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function newApiKeySecret(): NewApiKeySecret {
  const secret = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashApiKey(secret), hint: secret.slice(0, HINT_LENGTH) };
}

export function newApiKeyId(): string {
  return `key_${randomBytes(12).toString('base64url')}`;
}

const BEARER = /^Bearer ([^\s]+)$/i;

/**
 * The key of an `Authorization` header, or undefined when the header is not `Bearer <key>` with
 * a key of ours (a wrong scheme, a malformed or foreign token).
 */
export function bearerKeyOf(header: string): string | undefined {
  const token = BEARER.exec(header)?.[1];
  return token !== undefined && API_KEY_PATTERN.test(token) ? token : undefined;
}
