import { MembershipStatus } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/commons/commons_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSdkError, startTestEmulator, type TestEmulator } from './support/emulator.js';

describe('users through the SDK', () => {
  let env: TestEmulator;
  beforeAll(async () => {
    env = await startTestEmulator();
  });
  afterAll(() => env.close());

  it('reads a seeded user with its profile and membership', async () => {
    const { user } = await env.sdk.user.getUser('usr_acmeadmin0000001');
    expect(user?.email).toBe('admin+sktest@acme.test');
    expect(user?.userProfile?.givenName).toBe('Ada');
    expect(user?.userProfile?.familyName).toBe('Admin');
    expect(user?.userProfile?.emailVerified).toBe(true);
    const membership = user?.memberships[0];
    expect(membership?.organizationId).toBe('org_acme');
    expect(membership?.membershipStatus).toBe(MembershipStatus.ACTIVE);
    expect(membership?.roles.map((role) => role.name)).toEqual(['admin']);
    expect(membership?.permissions).toContain('members:invite');
  });

  it('creates an active, verified member when no invitation email is asked for', async () => {
    const { user } = await env.sdk.user.createUserAndMembership('org_acme', {
      email: 'Direct+sktest@Acme.test',
      userProfile: { firstName: 'Dee', lastName: 'Rect' },
      metadata: { team: 'ops' },
      sendInvitationEmail: false,
    });
    expect(user?.id).toMatch(/^usr_\d{18}$/);
    expect(user?.email).toBe('direct+sktest@acme.test');
    expect(user?.userProfile?.name).toBe('Dee Rect');
    expect(user?.userProfile?.emailVerified).toBe(true);
    expect(user?.metadata).toEqual({ team: 'ops' });
    const membership = user?.memberships.find((m) => m.organizationId === 'org_acme');
    expect(membership?.membershipStatus).toBe(MembershipStatus.ACTIVE);
    expect(membership?.acceptedAt).toBeDefined();
    expect(membership?.roles.map((role) => role.name)).toEqual(['member']);
  });

  it('creates a pending invitation that expires in 15 days by default', async () => {
    const before = Date.now();
    const { user } = await env.sdk.user.createUserAndMembership('org_acme', {
      email: 'pending+sktest@acme.test',
    });
    const membership = user?.memberships[0];
    expect(membership?.membershipStatus).toBe(MembershipStatus.PENDING_INVITE);
    expect(user?.userProfile?.emailVerified).toBe(false);
    const expiresMs = Number(membership?.expiresAt?.seconds ?? 0n) * 1000;
    expect(expiresMs).toBeGreaterThanOrEqual(before + 15 * 24 * 3600 * 1000 - 2000);
    expect(expiresMs).toBeLessThanOrEqual(Date.now() + 15 * 24 * 3600 * 1000 + 1000);
  });

  it('refuses to invite an email that is already a member of the organization', async () => {
    const error = await expectSdkError(
      env.sdk.user.createUserAndMembership('org_acme', { email: 'ADMIN+sktest@acme.test' }),
      409,
    );
    expect(error.message).toContain('already a member');
  });

  it('gives an existing user a second membership when invited to another organization', async () => {
    const { user } = await env.sdk.user.createUserAndMembership('org_globex', {
      email: 'member+sktest@acme.test',
      sendInvitationEmail: false,
    });
    expect(user?.id).toBe('usr_acmemember000001');
    expect(user?.memberships.map((m) => m.organizationId).sort()).toEqual([
      'org_acme',
      'org_globex',
    ]);
  });

  it('makes the first member of a new organization an admin and later ones members', async () => {
    const org = await env.sdk.organization.createOrganization('Fresh Co');
    const orgId = org.organization?.id ?? '';
    const first = await env.sdk.user.createUserAndMembership(orgId, { email: 'first@fresh.test' });
    const second = await env.sdk.user.createUserAndMembership(orgId, {
      email: 'second@fresh.test',
    });
    expect(first.user?.memberships[0]?.roles.map((role) => role.name)).toEqual(['admin']);
    expect(second.user?.memberships[0]?.roles.map((role) => role.name)).toEqual(['member']);
  });

  it('refuses malformed emails and unknown organizations', async () => {
    const error = await expectSdkError(
      env.sdk.user.createUserAndMembership('org_acme', { email: 'not-an-email' }),
      400,
    );
    expect(error.message).toContain('not-an-email');
    await expectSdkError(
      env.sdk.user.createUserAndMembership('org_000000000000000000', { email: 'x@example.test' }),
      404,
    );
  });

  it('updates profile, metadata and external id, and finds the user by that external id', async () => {
    const { user } = await env.sdk.user.createUserAndMembership('org_acme', {
      email: 'rename+sktest@acme.test',
      userProfile: { firstName: 'Old', lastName: 'Name' },
      sendInvitationEmail: false,
    });
    const id = user?.id ?? '';
    const updated = await env.sdk.user.updateUser(id, {
      userProfile: { firstName: 'New' },
      metadata: { level: '3' },
      externalId: 'ext-rename',
    });
    expect(updated.user?.userProfile?.givenName).toBe('New');
    expect(updated.user?.userProfile?.familyName).toBe('Name');
    expect(updated.user?.userProfile?.name).toBe('New Name');
    expect(updated.user?.metadata).toEqual({ level: '3' });
    const byExternal = await env.sdk.user.getUserByExternalId('ext-rename');
    expect(byExternal.user?.id).toBe(id);
  });

  it('lists all users page by page, each exactly once', async () => {
    const seen: string[] = [];
    let pageToken: string | undefined;
    let total = 0;
    do {
      const page = await env.sdk.user.listUsers({ pageSize: 3, pageToken });
      seen.push(...page.users.map((user) => user.id));
      total = page.totalSize;
      pageToken = page.nextPageToken || undefined;
    } while (pageToken !== undefined);
    expect(total).toBeGreaterThanOrEqual(3);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('deletes a user with all memberships, after which reading it is not found', async () => {
    const { user } = await env.sdk.user.createUserAndMembership('org_globex', {
      email: 'gone+sktest@globex.test',
      sendInvitationEmail: false,
    });
    await env.sdk.user.deleteUser(user?.id ?? '');
    await expectSdkError(env.sdk.user.getUser(user?.id ?? ''), 404);
    await expectSdkError(env.sdk.user.deleteUser(user?.id ?? ''), 404);
  });
});
