// A member's roles and permissions through the SDK's user calls, in memberships, and in the
// access tokens the emulator issues (resolved again at every refresh).
import { create } from '@bufbuild/protobuf';
import { Code } from '@connectrpc/connect';
import {
  CreatePermissionSchema,
  UpdateRoleSchema,
} from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/roles/roles_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACME,
  MEMBER_ID,
  decodeJwtPayload,
  signInWithSdk,
  startAuthEmulator,
  type AuthTestEmulator,
} from './support/auth-fixtures.js';
import { expectGrpcError } from './support/grpc-errors.js';

const MEMBER_EMAIL = 'member+sktest@acme.test';
const MEMBER_PERMISSIONS = [
  'members:read',
  'org:read',
  'sk_org_settings_read',
  'sk_org_users_read',
];

describe("a member's roles and permissions", () => {
  let t: AuthTestEmulator;
  beforeAll(async () => {
    t = await startAuthEmulator();
  });
  afterAll(() => t.close());

  const roleNames = async (): Promise<string[]> =>
    (await t.sdk.user.listUserRoles(ACME, MEMBER_ID)).roles.map((role) => role.name);
  const permissionNames = async (): Promise<string[]> =>
    (await t.sdk.user.listUserPermissions(ACME, MEMBER_ID)).permissions.map((p) => p.name);

  it('lists the roles of a member with their ids and display names', async () => {
    const { roles } = await t.sdk.user.listUserRoles(ACME, MEMBER_ID);
    expect(roles).toHaveLength(1);
    expect(roles[0]).toMatchObject({ name: 'member', displayName: 'Member' });
    expect(roles[0]?.id).toMatch(/^role_\d{18}$/);
    await expectGrpcError(t.sdk.user.listUserRoles('org_globex', MEMBER_ID), Code.NotFound);
  });

  it('lists the effective permissions of the member, which the membership carries too', async () => {
    expect(await permissionNames()).toEqual(MEMBER_PERMISSIONS);
    const { user } = await t.sdk.user.getUser(MEMBER_ID);
    expect(user?.memberships[0]?.permissions).toEqual(MEMBER_PERMISSIONS);
  });

  it('assigns roles on top of the current ones, refusing an unknown role and changing nothing', async () => {
    await expectGrpcError(
      t.sdk.user.assignUserRoles(ACME, MEMBER_ID, ['billing', 'ghost']),
      Code.InvalidArgument,
      /ghost/,
    );
    expect(await roleNames()).toEqual(['member']);
    const { roles } = await t.sdk.user.assignUserRoles(ACME, MEMBER_ID, ['billing']);
    expect(roles.map((role) => role.name)).toEqual(['member', 'billing']);
    // billing extends member and adds its own two: the union is listed once each.
    expect(await permissionNames()).toEqual([
      ...MEMBER_PERMISSIONS,
      'invoices:read',
      'invoices:pay',
    ]);
  });

  it('removes one role, and answers not found for a role the member does not hold', async () => {
    await expectGrpcError(t.sdk.user.removeUserRole(ACME, MEMBER_ID, 'admin'), Code.NotFound);
    await t.sdk.user.removeUserRole(ACME, MEMBER_ID, 'billing');
    expect(await roleNames()).toEqual(['member']);
    expect(await permissionNames()).toEqual(MEMBER_PERMISSIONS);
  });

  it('puts roles and effective permissions in access tokens, read again at every refresh', async () => {
    const signedIn = await signInWithSdk(t, MEMBER_EMAIL);
    const first = decodeJwtPayload(signedIn.accessToken);
    expect(first.roles).toEqual(['member']);
    expect(first.permissions).toEqual(MEMBER_PERMISSIONS);

    await t.sdk.user.assignUserRoles(ACME, MEMBER_ID, ['billing']);
    const refreshed = await t.sdk.refreshAccessToken(signedIn.refreshToken);
    const second = decodeJwtPayload(refreshed.accessToken);
    expect(second.roles).toEqual(['member', 'billing']);
    expect(second.permissions).toEqual([...MEMBER_PERMISSIONS, 'invoices:read', 'invoices:pay']);

    // A change to a role's permissions reaches the holders' next token too.
    await t.sdk.permission.createPermission(
      create(CreatePermissionSchema, { name: 'invoices:void', description: '' }),
    );
    await t.sdk.role.updateOrganizationRole(
      ACME,
      'billing',
      create(UpdateRoleSchema, { permissions: ['invoices:void'] }),
    );
    const third = decodeJwtPayload(
      (await t.sdk.refreshAccessToken(refreshed.refreshToken)).accessToken,
    );
    expect(third.permissions).toEqual([...MEMBER_PERMISSIONS, 'invoices:void']);
  });
});
