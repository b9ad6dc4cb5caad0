import { describe, expect, it } from 'vitest';
import { buildAuditEntry, roles } from '@/testing/fixtures';
import { actorLabel, describeEntry } from './describe-entry';

describe('audit entries in plain words', () => {
  it('names a role change with the roles display names', () => {
    const changed = buildAuditEntry({
      kind: 'member.role_changed',
      before: { status: 'active', roles: ['member'] },
      after: { status: 'active', roles: ['admin'] },
    });
    expect(describeEntry(changed, roles)).toBe("Changed ann@acme.test's role from Member to Admin");
  });

  it('makes an unknown role readable rather than showing its key', () => {
    const invited = buildAuditEntry({ after: { status: 'pending', roles: ['billing_manager'] } });
    expect(describeEntry(invited, roles)).toBe('Invited ann@acme.test as Billing manager');
  });

  it('says how the invitation policy changed and which allowed domain came or went', () => {
    const policy = buildAuditEntry({
      kind: 'policy.changed',
      before: null,
      after: null,
      policy: { before: null, after: { mode: 'allowed_domains_and_exceptions', exceptions: [] } },
    });
    expect(describeEntry(policy, roles)).toBe(
      'Changed who may be invited from anyone to allowed domains and named exceptions',
    );
    const added = buildAuditEntry({ kind: 'domain.added', domain: 'partner.test', after: null });
    expect(describeEntry(added, roles)).toBe('Allowed the email domain partner.test');
    const removed = buildAuditEntry({
      kind: 'domain.removed',
      domain: 'partner.test',
      after: null,
    });
    expect(describeEntry(removed, roles)).toBe('Removed the allowed email domain partner.test');
  });

  it('names Scalekit as the actor of changes made there', () => {
    expect(actorLabel({ type: 'scalekit' })).toBe('Scalekit');
    expect(actorLabel({ type: 'user', userId: 'usr_1', email: 'ada@acme.test' })).toBe(
      'ada@acme.test',
    );
  });

  it('names an API key as the actor, and the key a created or revoked entry is about', () => {
    expect(actorLabel({ type: 'api_key', id: 'key_1', name: 'CRM sync' })).toBe(
      'API key “CRM sync”',
    );
    const apiKey = { id: 'key_1', name: 'CRM sync', scopes: ['members:invite'] };
    const created = buildAuditEntry({ kind: 'api_key.created', after: null, apiKey });
    expect(describeEntry(created, roles)).toBe('Created the API key “CRM sync” (members:invite)');
    const revoked = buildAuditEntry({ kind: 'api_key.revoked', after: null, apiKey });
    expect(describeEntry(revoked, roles)).toBe('Revoked the API key “CRM sync”');
  });
});
