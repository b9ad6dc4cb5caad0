import { create } from '@bufbuild/protobuf';
import { CreateRoleSchema } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/roles/roles_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSdkError, startTestEmulator, type TestEmulator } from './support/emulator.js';

describe('roles through the SDK', () => {
  let env: TestEmulator;
  beforeAll(async () => {
    env = await startTestEmulator();
  });
  afterAll(() => env.close());

  it('lists the environment roles with their permissions and defaults', async () => {
    const { roles } = await env.sdk.role.listRoles();
    expect(roles.map((role) => role.name)).toEqual(['admin', 'member']);
    const admin = roles.find((role) => role.name === 'admin');
    expect(admin?.defaultCreator).toBe(true);
    expect(admin?.permissions.map((permission) => permission.name)).toContain('members:invite');
    expect(roles.find((role) => role.name === 'member')?.defaultMember).toBe(true);
  });

  it('reads one role by name', async () => {
    const { role } = await env.sdk.role.getRole('member');
    expect(role?.displayName).toBe('Member');
    expect(role?.permissions.map((permission) => permission.name)).toEqual([
      'members:read',
      'org:read',
    ]);
  });

  it('answers not found for an unknown role', async () => {
    await expectSdkError(env.sdk.role.getRole('owner'), 404);
  });

  it('lists the roles available in an organization', async () => {
    const { roles } = await env.sdk.role.listOrganizationRoles('org_acme');
    expect(roles.map((role) => role.name)).toEqual(['admin', 'member']);
    await expectSdkError(env.sdk.role.listOrganizationRoles('org_000000000000000000'), 404);
  });

  it('answers not implemented for role changes the emulator does not support', async () => {
    await expectSdkError(
      env.sdk.role.createRole(create(CreateRoleSchema, { name: 'viewer', displayName: 'Viewer' })),
      501,
    );
  });
});
