// Builders of contract-valid test data: every object is parsed by its schema, so a test can
// never feed the screens something the BFF could not send.
import {
  AuditEntrySchema,
  MemberSchema,
  OwnSessionSchema,
  RoleSchema,
  SessionResponseSchema,
  type AuditEntry,
  type Member,
  type OwnSession,
  type Role,
  type SessionResponse,
} from '@app/contracts';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

export function buildSession(overrides: Partial<SessionResponse> = {}): SessionResponse {
  return SessionResponseSchema.parse({
    user: {
      id: 'usr_admin',
      email: 'ada@acme.test',
      emailVerified: true,
      name: 'Ada Lovelace',
      givenName: 'Ada',
      familyName: 'Lovelace',
    },
    organization: { id: 'org_acme', name: 'Acme Corp' },
    roles: ['admin'],
    permissions: [],
    isAdmin: true,
    expiresAt: inDays(0.3),
    idleExpiresAt: inDays(0.02),
    ...overrides,
  });
}

export function buildMemberSession(): SessionResponse {
  return buildSession({
    user: {
      id: 'usr_member',
      email: 'grace@acme.test',
      emailVerified: true,
      name: 'Grace Hopper',
      givenName: 'Grace',
      familyName: 'Hopper',
    },
    roles: ['member'],
    isAdmin: false,
  });
}

export function buildOwnSession(overrides: Partial<OwnSession> = {}): OwnSession {
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
  return OwnSessionSchema.parse({
    id: 'ses_one',
    current: false,
    deviceType: 'desktop',
    browser: 'Chrome 131',
    os: 'macOS 14.5',
    ip: '203.0.113.7',
    location: '',
    createdAt: minutesAgo(90),
    lastSeenAt: minutesAgo(0),
    ...overrides,
  });
}

let sequence = 0;

export function buildMember(overrides: Partial<Member> = {}): Member {
  sequence += 1;
  const status = overrides.status ?? 'active';
  const invitation = status === 'pending' || status === 'expired';
  return MemberSchema.parse({
    userId: `usr_${sequence}`,
    email: `person${sequence}@acme.test`,
    name: `Person ${sequence}`,
    givenName: 'Person',
    familyName: String(sequence),
    roles: ['member'],
    status,
    emailVerified: status === 'active',
    invitedBy: 'ada@acme.test',
    invitedAt: inDays(-3),
    acceptedAt: status === 'active' ? inDays(-2) : null,
    expiresAt: invitation ? inDays(status === 'expired' ? -1 : 4) : null,
    ...overrides,
  });
}

export const roles: Role[] = [
  RoleSchema.parse({ name: 'admin', displayName: 'Admin', description: 'Manages the team' }),
  RoleSchema.parse({ name: 'member', displayName: 'Member', description: 'Uses the app' }),
];

/** An invitation of ann@acme.test as Member, made just now by ada@acme.test on the Team page. */
export function buildAuditEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return AuditEntrySchema.parse({
    id: '1',
    occurredAt: new Date().toISOString(),
    kind: 'member.invited',
    source: 'ui',
    actor: { type: 'user', userId: 'usr_admin', email: 'ada@acme.test' },
    ip: '203.0.113.9',
    member: { userId: 'usr_ann', email: 'ann@acme.test' },
    before: null,
    after: { status: 'pending', roles: ['member'] },
    ...overrides,
  });
}
