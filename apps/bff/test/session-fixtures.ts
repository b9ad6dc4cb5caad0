// A session record for store tests: Acme's admin, live for `ttlMs` (its absolute end).
import type { SessionRecord } from '../src/session/session-record.js';

export function recordOf(overrides: Partial<SessionRecord> = {}, ttlMs = 60_000): SessionRecord {
  const now = Date.now();
  return {
    user: {
      id: 'usr_1',
      email: 'a@acme.test',
      emailVerified: true,
      name: 'A',
      givenName: 'A',
      familyName: '',
    },
    organization: { id: 'org_acme', name: 'Acme' },
    roles: ['admin'],
    permissions: ['members:invite'],
    createdAt: now,
    lastSeenAt: now,
    absoluteExpiresAt: now + ttlMs,
    accessExpiresAt: now + 5000,
    refreshAt: now + 4000,
    tokenKey: 'tk_1',
    ...overrides,
  };
}
