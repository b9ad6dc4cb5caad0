import { MembershipStatus } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/commons/commons_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DAY_MS,
  expectSdkError,
  startTestEmulator,
  type TestEmulator,
  tempDataDirs,
} from './support/emulator.js';
import { startTestEmulatorWithWebhooks } from './support/webhook-receiver.js';

describe('seat limits through the SDK', () => {
  let env: TestEmulator;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ env, close } = await startTestEmulatorWithWebhooks());
  });
  afterAll(() => close());

  async function organizationWithLimit(name: string, max: number): Promise<string> {
    const id = (await env.sdk.organization.createOrganization(name)).organization?.id ?? '';
    await env.sdk.organization.upsertUserManagementSettings(id, { maxAllowedUsers: max });
    return id;
  }

  async function add(orgId: string, email: string, invite: boolean): Promise<string> {
    const { user } = await env.sdk.user.createUserAndMembership(orgId, {
      email,
      sendInvitationEmail: invite,
    });
    return user?.id ?? '';
  }

  /** Emails queued and webhooks recorded that mention the address: none for a refused call. */
  function tracesOf(email: string): number {
    const db = env.emulator.context.db;
    const mails = db
      .prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM auth_outbox WHERE recipient = ?')
      .get(email);
    const events = db
      .prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM auth_webhooks WHERE body LIKE ?')
      .get(`%${email}%`);
    return (mails?.n ?? 0) + (events?.n ?? 0);
  }

  it('reads an unset limit without a value, and 0 or a number as set', async () => {
    const id = (await env.sdk.organization.createOrganization('Limitless')).organization?.id ?? '';
    const unset = await env.sdk.organization.getOrganizationUserManagementSetting(id);
    expect(unset.settings?.maxAllowedUsers).toBeUndefined();

    const zero = await env.sdk.organization.upsertUserManagementSettings(id, {
      maxAllowedUsers: 0,
    });
    expect(zero?.maxAllowedUsers).toBe(0);
    const readZero = await env.sdk.organization.getOrganizationUserManagementSetting(id);
    expect(readZero.settings?.maxAllowedUsers).toBe(0);

    await env.sdk.organization.upsertUserManagementSettings(id, { maxAllowedUsers: 25 });
    const read = await env.sdk.organization.getOrganizationUserManagementSetting(id);
    expect(read.settings?.maxAllowedUsers).toBe(25);

    const cleared = await env.sdk.organization.upsertUserManagementSettings(id, {
      maxAllowedUsers: null,
    });
    expect(cleared?.maxAllowedUsers).toBeUndefined();
    const readCleared = await env.sdk.organization.getOrganizationUserManagementSetting(id);
    expect(readCleared.settings?.maxAllowedUsers).toBeUndefined();
  });

  it('refuses a negative limit and an unknown organization', async () => {
    await expectSdkError(
      env.sdk.organization.upsertUserManagementSettings('org_acme', { maxAllowedUsers: -1 }),
      400,
    );
    await expectSdkError(
      env.sdk.organization.getOrganizationUserManagementSetting('org_000000000000000000'),
      404,
    );
  });

  it('refuses an invitation past the limit and creates, sends and announces nothing', async () => {
    const orgId = await organizationWithLimit('Two Seats', 2);
    await add(orgId, 'seat.one@two.test', false);
    await add(orgId, 'seat.two@two.test', true);

    const error = await expectSdkError(
      env.sdk.user.createUserAndMembership(orgId, { email: 'seat.three@two.test' }),
      400,
    );
    expect(error.message).toContain('organization user limit reached (2/2)');
    const found = await env.sdk.user.searchUsers('seat.three@');
    expect(found.totalSize).toBe(0);
    const members = await env.sdk.user.listOrganizationUsers(orgId);
    expect(members.totalSize).toBe(2);
    expect(tracesOf('seat.three@two.test')).toBe(0);
    expect(tracesOf('seat.two@two.test')).toBeGreaterThan(0);
  });

  it('refuses adding an existing user past the limit, by id and by external id', async () => {
    const orgId = await organizationWithLimit('One Seat', 1);
    await add(orgId, 'only.seat@one.test', false);
    const outsiderId = await add('org_globex', 'outsider@one.test', false);
    await env.sdk.user.updateUser(outsiderId, { externalId: 'crm-outsider' });

    await expectSdkError(env.sdk.user.createMembership(orgId, outsiderId), 400);
    const byExternal = await expectSdkError(
      env.sdk.user.createMembershipByExternalId(orgId, 'crm-outsider', {
        sendInvitationEmail: false,
      }),
      400,
    );
    expect(byExternal.message).toContain('(1/1)');
    const { user } = await env.sdk.user.getUser(outsiderId);
    expect(user?.memberships.map((m) => m.organizationId)).toEqual(['org_globex']);
  });

  it('frees the seat of an expired invitation, and refuses to renew it while the seats are taken', async () => {
    const orgId = await organizationWithLimit('Expiring Seats', 2);
    await add(orgId, 'stays@expiring.test', false);
    const lateId = await add(orgId, 'late@expiring.test', true);
    env.clock.advance(16 * DAY_MS);

    const newcomerId = await add(orgId, 'newcomer@expiring.test', false);
    const renew = await expectSdkError(env.sdk.user.resendInvite(orgId, lateId), 400);
    expect(renew.message).toContain('organization user limit reached (2/2)');
    const { user } = await env.sdk.user.getUser(lateId);
    expect(user?.memberships[0]?.membershipStatus).toBe(MembershipStatus.INVITE_EXPIRED);

    await env.sdk.user.deleteMembership(orgId, newcomerId);
    const renewed = await env.sdk.user.resendInvite(orgId, lateId);
    expect(renewed.invite?.status).toBe('PENDING_INVITE');
  });

  it('treats a limit of 0 as no limit', async () => {
    const orgId = await organizationWithLimit('Zero Means Open', 0);
    for (let i = 0; i < 3; i++) await add(orgId, `open.${i}@zero.test`, false);
    const members = await env.sdk.user.listOrganizationUsers(orgId);
    expect(members.totalSize).toBe(3);
  });

  it('keeps existing members when the limit is lowered below the count', async () => {
    const orgId = await organizationWithLimit('Shrinking', 3);
    for (let i = 0; i < 3; i++) await add(orgId, `shrink.${i}@shrink.test`, false);
    await env.sdk.organization.upsertUserManagementSettings(orgId, { maxAllowedUsers: 1 });
    expect((await env.sdk.user.listOrganizationUsers(orgId)).totalSize).toBe(3);
    const error = await expectSdkError(add(orgId, 'shrink.3@shrink.test', false), 400);
    expect(error.message).toContain('(3/1)');
  });

  it('ships a seat limit on an organization of the dev seed', async () => {
    const { settings } =
      await env.sdk.organization.getOrganizationUserManagementSetting('org_initech');
    expect(settings?.maxAllowedUsers).toBe(3);
  });
});

describe('seat limits after a restart', () => {
  const dirs = tempDataDirs();
  afterAll(() => dirs.removeAll());

  it('keeps both a limit and an explicit no-limit', async () => {
    const dir = dirs.next();
    const first = await startTestEmulator({ inMemory: false, dataDir: dir });
    const limited = (await first.sdk.organization.createOrganization('Kept Limit')).organization;
    const open = (await first.sdk.organization.createOrganization('Kept Open')).organization;
    await first.sdk.organization.upsertUserManagementSettings(limited?.id ?? '', {
      maxAllowedUsers: 7,
    });
    await first.sdk.organization.upsertUserManagementSettings(open?.id ?? '', {
      maxAllowedUsers: 0,
    });
    await first.close();

    const second = await startTestEmulator({ inMemory: false, dataDir: dir });
    try {
      const a = await second.sdk.organization.getOrganizationUserManagementSetting(
        limited?.id ?? '',
      );
      const b = await second.sdk.organization.getOrganizationUserManagementSetting(open?.id ?? '');
      expect(a.settings?.maxAllowedUsers).toBe(7);
      expect(b.settings?.maxAllowedUsers).toBe(0);
    } finally {
      await second.close();
    }
  });
});
