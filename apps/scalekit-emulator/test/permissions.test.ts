import { create } from '@bufbuild/protobuf';
import { Code } from '@connectrpc/connect';
import {
  CreatePermissionSchema,
  CreateRoleSchema,
} from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/roles/roles_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from './support/emulator.js';
import { expectGrpcError } from './support/grpc-errors.js';

describe('permissions through the SDK', () => {
  let env: TestEmulator;
  beforeAll(async () => {
    env = await startTestEmulator();
  });
  afterAll(() => env.close());

  const permission = (name: string, description = '') =>
    create(CreatePermissionSchema, { name, description });

  async function allPermissionNames(): Promise<string[]> {
    const names: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await env.sdk.permission.listPermissions(pageToken, 5);
      names.push(...page.permissions.map((p) => p.name));
      pageToken = page.nextPageToken || undefined;
    } while (pageToken !== undefined);
    return names;
  }

  it("lists Scalekit's own permissions with the environment's, page by page", async () => {
    const first = await env.sdk.permission.listPermissions(undefined, 5);
    expect(first.permissions).toHaveLength(5);
    expect(first.nextPageToken).not.toBe('');
    const names = await allPermissionNames();
    expect(names.length).toBe(first.totalSize);
    expect(names).toEqual(
      expect.arrayContaining(['sk_org_users_invite', 'members:invite', 'invoices:pay']),
    );
    const { permissions } = await env.sdk.permission.listPermissions(undefined, 100);
    const own = permissions.find((p) => p.name === 'sk_org_settings_read');
    expect(own?.isScalekitPermission).toBe(true);
    expect(permissions.find((p) => p.name === 'members:read')?.isScalekitPermission).toBe(false);
    await expectGrpcError(env.sdk.permission.listPermissions(undefined, 101), Code.InvalidArgument);
    await expectGrpcError(env.sdk.permission.listPermissions('not-a-token'), Code.InvalidArgument);
  });

  it('gives admin every Scalekit permission and member the read ones', async () => {
    const admin = await env.sdk.permission.listRolePermissions('admin');
    expect(admin.permissions.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'sk_org_users_delete',
        'sk_org_session_policy_manage',
        'members:invite',
      ]),
    );
    const member = await env.sdk.permission.listRolePermissions('member');
    expect(member.permissions.map((p) => p.name).filter((n) => n.startsWith('sk_'))).toEqual([
      'sk_org_settings_read',
      'sk_org_users_read',
    ]);
  });

  it('creates, reads and updates a permission; the name cannot change', async () => {
    const { permission: created } = await env.sdk.permission.createPermission(
      permission('reports:export', 'Export reports'),
    );
    expect(created).toMatchObject({
      name: 'reports:export',
      description: 'Export reports',
      isScalekitPermission: false,
    });
    expect(created?.id).toMatch(/^perm_\d{18}$/);
    expect((await env.sdk.permission.getPermission('reports:export')).permission?.id).toBe(
      created?.id,
    );

    const { permission: updated } = await env.sdk.permission.updatePermission(
      'reports:export',
      permission('reports:export', 'Export reports as CSV'),
    );
    expect(updated?.description).toBe('Export reports as CSV');
    await expectGrpcError(
      env.sdk.permission.updatePermission('reports:export', permission('reports:download')),
      Code.InvalidArgument,
      /name/,
    );
    expect((await env.sdk.permission.getPermission('reports:export')).permission?.description).toBe(
      'Export reports as CSV',
    );
  });

  it('refuses bad names, duplicates and changes to Scalekit permissions, changing nothing', async () => {
    const before = await allPermissionNames();
    await expectGrpcError(
      env.sdk.permission.createPermission(permission('reports export')),
      Code.InvalidArgument,
    );
    await expectGrpcError(
      env.sdk.permission.createPermission(permission('a'.repeat(65))),
      Code.InvalidArgument,
    );
    await expectGrpcError(
      env.sdk.permission.createPermission(permission('members:read')),
      Code.AlreadyExists,
    );
    await expectGrpcError(
      env.sdk.permission.createPermission(permission('sk_org_users_read')),
      Code.AlreadyExists,
    );
    await expectGrpcError(
      env.sdk.permission.updatePermission(
        'sk_org_users_read',
        permission('sk_org_users_read', 'Mine now'),
      ),
      Code.FailedPrecondition,
    );
    await expectGrpcError(
      env.sdk.permission.deletePermission('sk_org_users_read'),
      Code.FailedPrecondition,
    );
    await expectGrpcError(env.sdk.permission.getPermission('no:such'), Code.NotFound);
    expect(await allPermissionNames()).toEqual(before);
  });

  it('links permissions to a role additively, unlinks one, and resolves inherited ones', async () => {
    await env.sdk.permission.createPermission(permission('reports:read'));
    await env.sdk.role.createRole(
      create(CreateRoleSchema, { name: 'analyst', displayName: 'Analyst', extends: 'member' }),
    );
    const first = await env.sdk.permission.addPermissionsToRole('analyst', ['reports:read']);
    expect(first.permissions.map((p) => p.name)).toEqual(['reports:read']);
    const second = await env.sdk.permission.addPermissionsToRole('analyst', [
      'reports:export',
      'reports:read',
    ]);
    expect(second.permissions.map((p) => p.name)).toEqual(['reports:read', 'reports:export']);
    await expectGrpcError(
      env.sdk.permission.addPermissionsToRole('analyst', ['no:such']),
      Code.NotFound,
    );
    await expectGrpcError(
      env.sdk.permission.addPermissionsToRole('ghost', ['reports:read']),
      Code.NotFound,
    );

    const effective = await env.sdk.permission.listEffectiveRolePermissions('analyst');
    expect(effective.permissions.map((p) => p.name)).toEqual([
      'reports:read',
      'reports:export',
      'members:read',
      'org:read',
      'sk_org_settings_read',
      'sk_org_users_read',
    ]);
    const { role } = await env.sdk.role.getRole('analyst');
    expect(role?.permissions).toEqual([]);

    // Only a direct link can be removed.
    await expectGrpcError(
      env.sdk.permission.removePermissionFromRole('analyst', 'members:read'),
      Code.NotFound,
    );
    await env.sdk.permission.removePermissionFromRole('analyst', 'reports:read');
    const direct = await env.sdk.permission.listRolePermissions('analyst');
    expect(direct.permissions.map((p) => p.name)).toEqual(['reports:export']);
  });

  it('deletes a permission only once no role holds it', async () => {
    await expectGrpcError(
      env.sdk.permission.deletePermission('reports:export'),
      Code.FailedPrecondition,
      /analyst/,
    );
    await env.sdk.permission.removePermissionFromRole('analyst', 'reports:export');
    await env.sdk.permission.deletePermission('reports:export');
    await expectGrpcError(env.sdk.permission.getPermission('reports:export'), Code.NotFound);
    await expectGrpcError(env.sdk.permission.deletePermission('reports:export'), Code.NotFound);
  });
});
