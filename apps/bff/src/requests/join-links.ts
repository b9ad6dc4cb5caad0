// The signed tokens of the links a person asking to join is emailed: `confirm` (proves the
// address; single use, short-lived) and `status` (reads their requests' state; reusable,
// read-only). HMAC-SHA256 with a key derived from the session secret, so nothing is stored
// until a link is used and no one can mint a link for an address they do not read.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors/app-error.js';

export type JoinLinkPurpose = 'confirm' | 'status';

export interface JoinLink {
  purpose: JoinLinkPurpose;
  email: string;
  /** Random; a `confirm` link is single-use by this id. */
  id: string;
  expiresAt: Date;
}

/** A status link lives long enough to follow a request that waits for an admin. */
export const STATUS_LINK_TTL_SECONDS = 30 * 24 * 3600;

const PayloadSchema = z.object({
  p: z.enum(['confirm', 'status']),
  e: z.string().min(3).max(254),
  i: z.string().min(16).max(64),
  x: z.number().int().positive(),
});

function invalidLink(): AppError {
  return new AppError('invalid_link', 'This link is not valid any more. Ask to join again.');
}

export class JoinLinks {
  private readonly key: Buffer;

  constructor(secret: string) {
    // A key of its own: a join token can never pass for a session cookie signature, nor back.
    this.key = createHmac('sha256', secret).update('teamspace join links v1').digest();
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }

  issue(purpose: JoinLinkPurpose, email: string, ttlSeconds: number, now: Date): string {
    const payload = {
      p: purpose,
      e: email.toLowerCase(),
      i: randomBytes(18).toString('base64url'),
      x: Math.floor(now.getTime() / 1000) + ttlSeconds,
    };
    const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  /** The link's contents when it is genuine, of this purpose and not expired; else 400. */
  verify(token: string, purpose: JoinLinkPurpose, now: Date): JoinLink {
    const [body, signature, ...rest] = token.split('.');
    if (body === undefined || signature === undefined || rest.length > 0) throw invalidLink();
    const expected = Buffer.from(this.sign(body), 'utf8');
    const given = Buffer.from(signature, 'utf8');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalidLink();
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw invalidLink();
    }
    const parsed = PayloadSchema.safeParse(json);
    if (!parsed.success || parsed.data.p !== purpose) throw invalidLink();
    const expiresAt = new Date(parsed.data.x * 1000);
    if (expiresAt.getTime() <= now.getTime()) throw invalidLink();
    return { purpose, email: parsed.data.e, id: parsed.data.i, expiresAt };
  }
}
