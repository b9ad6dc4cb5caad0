import { MembershipStatus } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/commons/commons_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DAY_MS,
  expectSdkError,
  startTestEmulator,
  type TestEmulator,
} from './support/emulator.js';

describe('memberships, invitations and member roles through the SDK', () => {
  let env: TestEmulator;
  beforeAll(async () => {
    env = await startTestEmulator();
  });
  afterAll(() => env.close());

  async function invite(orgId: string, email: string): Promise<string> {
    const { user } = await env.sdk.user.createUserAndMembership(orgId, {
      email,
      sendInvitationEmail: true,
    });
    return user?.id ?? '';
  }

  async function membershipOf(orgId: string, userId: string) {
    const { user } = await env.sdk.user.getUser(userId);
    return user?.memberships.find((m) => m.organizationId === orgId);
  }

  it('lists the members of an organization page by page with only that membership on each user', async () => {
    const org = await env.sdk.organization.createOrganization('Listing Inc');
    const orgId = org.organization?.id ?? '';
    const invited = [];
    for (let i = 0; i < 5; i++) invited.push(await invite(orgId, `list${i}@listing.test`));
    await env.sdk.user.createUserAndMembership('org_globex', {
      email: 'list0@listing.test',
      sendInvitationEmail: false,
    });

    const first = await env.sdk.user.listOrganizationUsers(orgId, { pageSize: 2 });
    expect(first.totalSize).toBe(5);
    expect(first.users.map((u) => u.id)).toEqual(invited.slice(0, 2));
    expect(first.nextPageToken).not.toBe('');
    expect(first.users[0]?.memberships.map((m) => m.organizationId)).toEqual([orgId]);

    // A member added between pages does not shift the pages already handed out.
    await invite(orgId, 'late@listing.test');
    const second = await env.sdk.user.listOrganizationUsers(orgId, {
      pageSize: 2,
      pageToken: first.nextPageToken,
    });
    expect(second.users.map((u) => u.id)).toEqual(invited.slice(2, 4));
    const third = await env.sdk.user.listOrganizationUsers(orgId, {
      pageSize: 2,
      pageToken: second.nextPageToken,
    });
    expect(third.users.map((u) => u.email)).toEqual(['list4@listing.test', 'late@listing.test']);
    expect(third.nextPageToken).toBe('');
  });

  it('refuses a page size above 100 and a page token from another organization', async () => {
    await expectSdkError(env.sdk.user.listOrganizationUsers('org_acme', { pageSize: 101 }), 400);
    const page = await env.sdk.user.listOrganizationUsers('org_acme', { pageSize: 1 });
    await expectSdkError(
      env.sdk.user.listOrganizationUsers('org_globex', {
        pageSize: 1,
        pageToken: page.nextPageToken,
      }),
      400,
    );
  });

  it('sets role and inviter on a pending invitation with updateMembership', async () => {
    const userId = await invite('org_acme', 'promoted@acme.test');
    const { user } = await env.sdk.user.updateMembership('org_acme', userId, {
      roles: ['admin'],
      metadata: { inviter_email: 'admin+sktest@acme.test' },
    });
    const membership = user?.memberships.find((m) => m.organizationId === 'org_acme');
    expect(membership?.membershipStatus).toBe(MembershipStatus.PENDING_INVITE);
    expect(membership?.roles.map((role) => role.name)).toEqual(['admin']);
    expect(membership?.inviterEmail).toBe('admin+sktest@acme.test');
    expect(membership?.metadata).toEqual({ inviter_email: 'admin+sktest@acme.test' });
  });

  it('refuses an unknown role', async () => {
    const userId = await invite('org_acme', 'unknown-role@acme.test');
    const error = await expectSdkError(
      env.sdk.user.updateMembership('org_acme', userId, { roles: ['owner'] }),
      400,
    );
    expect(error.message).toContain('owner');
  });

  it('adds an existing user to another organization with createMembership and a role', async () => {
    const { user } = await env.sdk.user.createMembership('org_globex', 'usr_acmeadmin0000001', {
      roles: ['member'],
      sendInvitationEmail: true,
    });
    const membership = user?.memberships.find((m) => m.organizationId === 'org_globex');
    expect(membership?.membershipStatus).toBe(MembershipStatus.PENDING_INVITE);
    expect(membership?.roles.map((role) => role.name)).toEqual(['member']);
  });

  it('accepts createMembership on a pending invitation as a change of its role', async () => {
    const userId = await invite('org_acme', 'twice@acme.test');
    const { user } = await env.sdk.user.createMembership('org_acme', userId, { roles: ['admin'] });
    expect(user?.memberships[0]?.roles.map((role) => role.name)).toEqual(['admin']);
    expect(user?.memberships[0]?.membershipStatus).toBe(MembershipStatus.PENDING_INVITE);
  });

  it('refuses createMembership for someone who is already an active member', async () => {
    await expectSdkError(
      env.sdk.user.createMembership('org_acme', 'usr_acmemember000001', {}),
      409,
    );
  });

  it('reads an invitation past its expiry as INVITE_EXPIRED', async () => {
    const userId = await invite('org_acme', 'late-reader@acme.test');
    env.clock.advance(16 * DAY_MS);
    try {
      expect((await membershipOf('org_acme', userId))?.membershipStatus).toBe(
        MembershipStatus.INVITE_EXPIRED,
      );
    } finally {
      env.clock.advance(-16 * DAY_MS);
    }
  });

  it('resends a live invitation with the same expiry and counts the resend', async () => {
    const userId = await invite('org_acme', 'resend-live@acme.test');
    const expiresBefore = (await membershipOf('org_acme', userId))?.expiresAt?.seconds;
    const first = await env.sdk.user.resendInvite('org_acme', userId);
    const second = await env.sdk.user.resendInvite('org_acme', userId);
    expect(first.invite?.resentCount).toBe(1);
    expect(second.invite?.resentCount).toBe(2);
    expect(second.invite?.status).toBe('PENDING_INVITE');
    expect(second.invite?.resentAt).toBeDefined();
    expect(second.invite?.expiresAt?.seconds).toBe(expiresBefore);
  });

  it('renews an expired invitation on resend with a fresh expiry', async () => {
    const userId = await invite('org_acme', 'resend-expired@acme.test');
    env.clock.advance(20 * DAY_MS);
    try {
      const { invite: renewed } = await env.sdk.user.resendInvite('org_acme', userId);
      expect(renewed?.status).toBe('PENDING_INVITE');
      const expiresMs = Number(renewed?.expiresAt?.seconds ?? 0n) * 1000;
      expect(expiresMs).toBeGreaterThan(env.clock.now().getTime() + 14 * DAY_MS);
      expect((await membershipOf('org_acme', userId))?.membershipStatus).toBe(
        MembershipStatus.PENDING_INVITE,
      );
    } finally {
      env.clock.advance(-20 * DAY_MS);
    }
  });

  it('refuses to resend an invitation to an active member as a bad request', async () => {
    const error = await expectSdkError(
      env.sdk.user.resendInvite('org_acme', 'usr_acmemember000001'),
      400,
    );
    expect(error.message).toContain('already accepted');
    await expectSdkError(env.sdk.user.resendInvite('org_globex', 'usr_000000000000000000'), 404);
  });

  it('revokes an invitation by deleting the membership, which deletes a user left with no organization', async () => {
    const userId = await invite('org_acme', 'revoked@acme.test');
    await env.sdk.user.deleteMembership('org_acme', userId);
    await expectSdkError(env.sdk.user.getUser(userId), 404);
    const { user } = await env.sdk.user.createUserAndMembership('org_acme', {
      email: 'revoked@acme.test',
    });
    expect(user?.id).not.toBe(userId);
  });

  it('removes a member from one organization and keeps the user who belongs to another', async () => {
    const { user } = await env.sdk.user.createUserAndMembership('org_acme', {
      email: 'two-orgs@acme.test',
      sendInvitationEmail: false,
    });
    const userId = user?.id ?? '';
    await env.sdk.user.createMembership('org_globex', userId, { sendInvitationEmail: false });
    await env.sdk.user.deleteMembership('org_acme', userId);
    const after = await env.sdk.user.getUser(userId);
    expect(after.user?.memberships.map((m) => m.organizationId)).toEqual(['org_globex']);
    await expectSdkError(env.sdk.user.deleteMembership('org_acme', userId), 404);
  });

  it('lists, assigns and removes the roles of a member', async () => {
    const { user } = await env.sdk.user.createUserAndMembership('org_globex', {
      email: 'roles@globex.test',
      sendInvitationEmail: false,
    });
    const userId = user?.id ?? '';
    expect(
      (await env.sdk.user.listUserRoles('org_globex', userId)).roles.map((r) => r.name),
    ).toEqual(['member']);
    const assigned = await env.sdk.user.assignUserRoles('org_globex', userId, ['admin']);
    expect(assigned.roles.map((r) => r.name)).toEqual(['member', 'admin']);
    await env.sdk.user.removeUserRole('org_globex', userId, 'member');
    expect(
      (await env.sdk.user.listUserRoles('org_globex', userId)).roles.map((r) => r.name),
    ).toEqual(['admin']);
    await expectSdkError(env.sdk.user.removeUserRole('org_globex', userId, 'member'), 404);
    await expectSdkError(env.sdk.user.assignUserRoles('org_globex', userId, ['owner']), 400);
  });
});
