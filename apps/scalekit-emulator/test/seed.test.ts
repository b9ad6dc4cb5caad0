import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSeed, loadSeed, parseSeed, SeedError } from '../src/index.js';
import { devSeedPath } from '../src/paths.js';

describe('the seed', () => {
  it('ships a dev seed equal to buildSeed for http://localhost:3000 and its interceptor', () => {
    expect(loadSeed(devSeedPath)).toEqual(
      buildSeed({
        appOrigin: 'http://localhost:3000',
        interceptorUrl: 'http://localhost:3000/api/interceptors/pre-user-invitation',
      }),
    );
  });

  it('builds the same seed for another application origin', () => {
    const seed = buildSeed({ appOrigin: 'http://localhost:4321/' });
    expect(seed.clients[0]?.redirectUris).toEqual(['http://localhost:4321/api/callback']);
    expect(seed.clients[0]?.initiateLoginUrl).toBe('http://localhost:4321/auth/login/initiate');
    expect(seed.webhook?.url).toBe('http://localhost:4321/api/webhooks/scalekit');
    expect(buildSeed({ appOrigin: 'http://localhost:4321', webhookUrl: null }).webhook).toBeNull();
  });

  it('fills in the default roles and role rules', () => {
    const seed = parseSeed({
      clients: [{ id: 'skc_x', secret: 'long-enough', redirectUris: ['http://app.test/cb'] }],
    });
    expect(seed.roles.map((role) => role.name)).toEqual(['admin', 'member']);
    expect(seed.defaultRole).toBe('member');
    expect(seed.firstMemberRole).toBe('admin');
    expect(seed.environment.id).toBe('env_local');
    expect(seed.webhook).toBeNull();
  });

  it('reports every bad key at once', () => {
    let error: unknown;
    try {
      parseSeed({
        clients: [{ id: 'client', secret: 'short', redirectUris: [] }],
        webhook: { url: 'nope', secret: 'secret' },
        defaultRole: 'viewer',
        organizations: [
          { id: 'acme', displayName: 'Acme', users: [{ email: 'bad', roles: ['owner'] }] },
        ],
        extra: true,
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SeedError);
    const paths = (error as SeedError).issues.map((line) => line.split(':')[0]);
    expect(paths).toEqual(
      expect.arrayContaining([
        'clients.0.id',
        'clients.0.secret',
        'clients.0.redirectUris',
        'webhook.url',
        'webhook.secret',
        'organizations.0.id',
        'organizations.0.users.0.email',
        '(root)',
      ]),
    );
  });

  it('takes DNS verification on organization domains only', () => {
    const seedWith = (type: string) => ({
      clients: [{ id: 'skc_x', secret: 'long-enough', redirectUris: ['http://app.test/cb'] }],
      organizations: [
        {
          id: 'org_a',
          displayName: 'A',
          domains: [{ domain: 'a.test', type, dnsVerification: 'published' }],
        },
      ],
    });
    expect(parseSeed(seedWith('ORGANIZATION_DOMAIN')).organizations[0]?.domains?.[0]).toEqual({
      domain: 'a.test',
      type: 'ORGANIZATION_DOMAIN',
      dnsVerification: 'published',
    });
    expect(() => parseSeed(seedWith('ALLOWED_EMAIL_DOMAIN'))).toThrow(
      /organizations\.0\.domains\.0\.dnsVerification: dnsVerification applies to ORGANIZATION_DOMAIN only/,
    );
  });

  it('checks role references once the shape is valid', () => {
    expect(() =>
      parseSeed({
        clients: [{ id: 'skc_x', secret: 'long-enough', redirectUris: ['http://app.test/cb'] }],
        defaultRole: 'viewer',
        organizations: [
          { id: 'org_a', displayName: 'A', users: [{ email: 'a@a.test', roles: ['owner'] }] },
        ],
      }),
    ).toThrow(
      /defaultRole: unknown role "viewer"[\s\S]*organizations\.0\.users\.0\.roles\.0: unknown role "owner"/,
    );
  });

  it("checks organization roles: their bases, names and defaults, and grants only the organization's own", () => {
    let error: unknown;
    try {
      parseSeed({
        clients: [{ id: 'skc_x', secret: 'long-enough', redirectUris: ['http://app.test/cb'] }],
        roles: [{ name: 'member', displayName: 'Member', extends: 'ghost' }],
        defaultRole: 'member',
        firstMemberRole: 'member',
        organizations: [
          {
            id: 'org_a',
            displayName: 'A',
            roles: [
              { name: 'member', displayName: 'Clash' },
              { name: 'clerk', displayName: 'Clerk', extends: 'nobody' },
            ],
            defaultMemberRole: 'ghost',
          },
          {
            id: 'org_b',
            displayName: 'B',
            users: [{ email: 'b@b.test', roles: ['clerk'] }],
          },
        ],
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SeedError);
    expect((error as SeedError).issues).toEqual([
      'roles.0.extends: unknown role "ghost"',
      'organizations.0.roles.0.name: "member" is an environment role',
      'organizations.0.roles.1.extends: unknown role "nobody"',
      'organizations.0.defaultMemberRole: unknown role "ghost"',
      'organizations.1.users.0.roles.0: unknown role "clerk"',
    ]);
  });

  it('names the file when it cannot be read or parsed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seed-'));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ not json');
    expect(() => loadSeed(broken)).toThrow(/broken\.json[\s\S]*not valid JSON/);
    expect(() => loadSeed(join(dir, 'missing.json'))).toThrow(/missing\.json[\s\S]*cannot read/);
  });
});
