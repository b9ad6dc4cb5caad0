import { describe, expect, it } from 'vitest';
import {
  BulkInviteEventSchema,
  CSV_COLUMN_ALIASES,
  EmailSchema,
  InviteMemberBodySchema,
  ListAuditQuerySchema,
  ListMembersQuerySchema,
  normalizeCsvHeader,
  routes,
} from '../src/index.js';

describe('EmailSchema', () => {
  it('normalizes case and surrounding spaces', () => {
    expect(EmailSchema.parse('  Ada@Example.COM ')).toBe('ada@example.com');
  });
  it.each(['', 'not-an-email', 'a@', '@b.c', `${'a'.repeat(250)}@b.co`])('refuses %j', (v) => {
    expect(EmailSchema.safeParse(v).success).toBe(false);
  });
});

describe('InviteMemberBodySchema', () => {
  it('accepts an email and a role with optional names', () => {
    const body = InviteMemberBodySchema.parse({
      email: 'x@y.io',
      role: 'member',
      givenName: ' Ann ',
    });
    expect(body).toEqual({ email: 'x@y.io', role: 'member', givenName: 'Ann' });
  });
  it('refuses a missing role and a role with markup', () => {
    expect(InviteMemberBodySchema.safeParse({ email: 'x@y.io' }).success).toBe(false);
    expect(InviteMemberBodySchema.safeParse({ email: 'x@y.io', role: '<b>' }).success).toBe(false);
  });
  it('refuses more than 16 metadata keys', () => {
    const metadata = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v']));
    expect(
      InviteMemberBodySchema.safeParse({ email: 'x@y.io', role: 'member', metadata }).success,
    ).toBe(false);
  });
});

describe('ListMembersQuerySchema', () => {
  it('coerces the page size from a query string and defaults it', () => {
    expect(ListMembersQuerySchema.parse({ pageSize: '10' }).pageSize).toBe(10);
    expect(ListMembersQuerySchema.parse({}).pageSize).toBe(25);
    expect(ListMembersQuerySchema.safeParse({ pageSize: '1000' }).success).toBe(false);
  });
});

describe('CSV headers', () => {
  it('maps the usual spellings of each column', () => {
    expect(CSV_COLUMN_ALIASES[normalizeCsvHeader('E-mail Address')]).toBe('email');
    expect(CSV_COLUMN_ALIASES[normalizeCsvHeader('First Name')]).toBe('givenName');
    expect(CSV_COLUMN_ALIASES[normalizeCsvHeader('last_name')]).toBe('familyName');
  });
});

describe('BulkInviteEventSchema', () => {
  it('tells row events from the summary', () => {
    const row = BulkInviteEventSchema.parse({
      type: 'row',
      line: 2,
      email: 'a@b.co',
      outcome: 'invited',
      done: 1,
      total: 3,
    });
    expect(row.type).toBe('row');
    expect(BulkInviteEventSchema.safeParse({ type: 'row', line: 0 }).success).toBe(false);
  });
});

describe('routes', () => {
  it('encodes member ids into paths', () => {
    expect(routes.member('usr_1/../x')).toBe('/api/team/members/usr_1%2F..%2Fx');
  });
});

describe('invitation metadata', () => {
  it('accepts keys of 3 to 25 characters, as Scalekit does', () => {
    const ok = InviteMemberBodySchema.safeParse({
      email: 'x@y.io',
      role: 'member',
      metadata: { team: 'a' },
    });
    expect(ok.success).toBe(true);
    for (const key of ['ab', 'k'.repeat(26)]) {
      const body = { email: 'x@y.io', role: 'member', metadata: { [key]: 'v' } };
      expect(InviteMemberBodySchema.safeParse(body).success).toBe(false);
    }
  });
});

describe('ListAuditQuerySchema', () => {
  it('takes a person as a user id or an email, and defaults the page size', () => {
    expect(ListAuditQuerySchema.parse({ actor: 'usr_123', member: ' Ann@Acme.TEST ' })).toEqual({
      actor: 'usr_123',
      member: 'ann@acme.test',
      pageSize: 50,
    });
  });
  it('refuses a range that ends before it starts, an unknown kind and a huge page', () => {
    for (const query of [
      { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
      { kind: 'member.promoted' },
      { pageSize: '1000' },
      { actor: 'not a person' },
    ]) {
      expect(ListAuditQuerySchema.safeParse(query).success).toBe(false);
    }
  });
});
