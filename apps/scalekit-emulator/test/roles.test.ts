import { create } from '@bufbuild/protobuf';
import { Code } from '@connectrpc/connect';
import {
  CreatePermissionSchema,
  CreateRoleSchema,
  UpdateRoleSchema,
} from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/roles/roles_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from './support/emulator.js';
import { expectGrpcError } from './support/grpc-errors.js';

describe('environment roles through the SDK', () => {
  let env: TestEmulator;
  beforeAll(async () => {
    env = await startTestEmulator();
    for (const name of ['docs:read', 'docs:write', 'docs:publish']) {
      await env.sdk.permission.createPermission(
        create(CreatePermissionSchema, { name, description: `Can ${name}` }),
      );
    }
  });
  afterAll(() => env.close());

  let pendingEditorId = '';
  const roleNames = async (): Promise<string[]> =>
    (await env.sdk.role.listRoles()).roles.map((role) => role.name);

  it('lists the environment roles with the defaults marked and, as the SDK asks, no permissions', async () => {
    const { roles } = await env.sdk.role.listRoles();
    expect(roles.map((role) => role.name)).toEqual(['admin', 'member']);
    const [admin, member] = roles;
    expect(admin?.defaultCreator).toBe(true);
    expect(member?.defaultMember).toBe(true);
    expect(roles.every((role) => role.permissions.length === 0 && !role.isOrgRole)).toBe(true);
    expect(admin?.id).toMatch(/^role_\d{18}$/);
  });

  it('creates a role extending another, and reads it back with its direct permissions', async () => {
    const { role } = await env.sdk.role.createRole(
      create(CreateRoleSchema, {
        name: 'editor',
        displayName: 'Editor',
        description: 'Writes documents',
        extends: 'member',
        permissions: ['docs:write'],
      }),
    );
    expect(role).toMatchObject({ name: 'editor', extends: 'member', isOrgRole: false });
    expect(role?.permissions.map((p) => p.name)).toEqual(['docs:write']);

    const { role: read } = await env.sdk.role.getRole('editor');
    expect(read).toMatchObject({ displayName: 'Editor', description: 'Writes documents' });
    // The seed's organization role "billing" on Acme extends member too.
    expect((await env.sdk.role.getRole('member')).role?.dependentRolesCount).toBe(2);
    const { roles: dependents } = await env.sdk.role.listDependentRoles('member');
    expect(dependents.map((r) => [r.name, r.isOrgRole])).toEqual([
      ['billing', true],
      ['editor', false],
    ]);
  });

  it('refuses bad names, duplicates, unknown permissions or bases, and long descriptions, creating nothing', async () => {
    const before = await roleNames();
    const attempt = (
      fields: Partial<{
        name: string;
        description: string;
        extends: string;
        permissions: string[];
      }>,
    ) =>
      env.sdk.role.createRole(
        create(CreateRoleSchema, { name: 'fresh', displayName: 'Fresh', ...fields }),
      );
    await expectGrpcError(attempt({ name: 'has space' }), Code.InvalidArgument, /name/);
    await expectGrpcError(attempt({ name: 'x'.repeat(65) }), Code.InvalidArgument, /name/);
    await expectGrpcError(attempt({ name: 'admin' }), Code.AlreadyExists, /admin/);
    await expectGrpcError(attempt({ permissions: ['docs:delete'] }), Code.NotFound, /docs:delete/);
    await expectGrpcError(attempt({ extends: 'ghost' }), Code.NotFound, /ghost/);
    await expectGrpcError(
      attempt({ description: 'd'.repeat(2001) }),
      Code.InvalidArgument,
      /description/,
    );
    const tooMany = Array.from({ length: 101 }, (_, i) => `p:${i}`);
    await expectGrpcError(attempt({ permissions: tooMany }), Code.InvalidArgument, /100/);
    expect(await roleNames()).toEqual(before);
  });

  it('updates only the fields sent, and a permission list replaces the old one', async () => {
    await env.sdk.role.createRole(
      create(CreateRoleSchema, {
        name: 'reviewer',
        displayName: 'Reviewer',
        description: 'Reviews',
        permissions: ['docs:read'],
      }),
    );
    const renamed = await env.sdk.role.updateRole(
      'reviewer',
      create(UpdateRoleSchema, { displayName: 'Senior reviewer' }),
    );
    expect(renamed.role).toMatchObject({ displayName: 'Senior reviewer', description: 'Reviews' });
    expect(renamed.role?.permissions.map((p) => p.name)).toEqual(['docs:read']);

    const replaced = await env.sdk.role.updateRole(
      'reviewer',
      create(UpdateRoleSchema, { permissions: ['docs:publish', 'docs:write'] }),
    );
    expect(replaced.role?.permissions.map((p) => p.name)).toEqual(['docs:publish', 'docs:write']);
    expect(replaced.role?.displayName).toBe('Senior reviewer');

    await expectGrpcError(
      env.sdk.role.updateRole('reviewer', create(UpdateRoleSchema, { permissions: ['no:such'] })),
      Code.NotFound,
    );
    await expectGrpcError(
      env.sdk.role.updateRole('ghost', create(UpdateRoleSchema, { displayName: 'Ghost' })),
      Code.NotFound,
    );
    const { permissions } = await env.sdk.permission.listRolePermissions('reviewer');
    expect(permissions.map((p) => p.name)).toEqual(['docs:publish', 'docs:write']);
  });

  it('refuses an update that would make inheritance go round in a circle', async () => {
    await expectGrpcError(
      env.sdk.role.updateRole('member', create(UpdateRoleSchema, { extends: 'editor' })),
      Code.InvalidArgument,
      /editor/,
    );
    expect((await env.sdk.role.getRole('member')).role?.extends).toBeUndefined();
  });

  it('drops the base of a role with deleteRoleBase and keeps its own permissions', async () => {
    await env.sdk.role.createRole(
      create(CreateRoleSchema, {
        name: 'intern',
        displayName: 'Intern',
        extends: 'editor',
        permissions: ['docs:read'],
      }),
    );
    await env.sdk.role.deleteRoleBase('intern');
    const { role } = await env.sdk.role.getRole('intern');
    expect(role?.extends).toBeUndefined();
    const { permissions } = await env.sdk.permission.listEffectiveRolePermissions('intern');
    expect(permissions.map((p) => p.name)).toEqual(['docs:read']);
  });

  it('counts direct and inherited holders as a bigint, memberships of every status included', async () => {
    const count = async (name: string): Promise<bigint> =>
      (await env.sdk.role.getRoleUsersCount(name)).count;
    const [admins, members] = [await count('admin'), await count('member')];
    // The first person invited to a new organization is its admin, while still pending.
    const { organization } = await env.sdk.organization.createOrganization('Counted');
    await env.sdk.user.createUserAndMembership(organization?.id ?? '', {
      email: 'first@counted.test',
    });
    expect(await count('admin')).toBe(admins + 1n);

    const invited = await env.sdk.user.createUserAndMembership('org_acme', {
      email: 'pending-editor@acme.test',
    });
    pendingEditorId = invited.user?.id ?? '';
    await env.sdk.user.updateMembership('org_acme', pendingEditorId, { roles: ['editor'] });
    // Counted for editor and, through extends, for member.
    expect(await count('editor')).toBe(1n);
    expect(await count('member')).toBe(members + 1n);
    await expectGrpcError(env.sdk.role.getRoleUsersCount('ghost'), Code.NotFound);
  });

  it('deletes a role that is held or extended only with a reassignment, and never a default role', async () => {
    await expectGrpcError(env.sdk.role.deleteRole('editor'), Code.FailedPrecondition, /reassign/);
    await expectGrpcError(
      env.sdk.role.deleteRole('member', 'admin'),
      Code.FailedPrecondition,
      /default/,
    );
    await expectGrpcError(env.sdk.role.deleteRole('editor', 'ghost'), Code.NotFound, /ghost/);
    await expectGrpcError(env.sdk.role.deleteRole('ghost'), Code.NotFound);
    expect(await roleNames()).toContain('editor');

    await env.sdk.role.deleteRole('editor', 'reviewer');
    expect(await roleNames()).not.toContain('editor');
    const { roles } = await env.sdk.user.listUserRoles('org_acme', pendingEditorId);
    expect(roles.map((r) => r.name)).toEqual(['reviewer']);
  });

  it('refuses to delete a role extended by others unless a replacement base is given', async () => {
    await env.sdk.role.createRole(create(CreateRoleSchema, { name: 'base_a', displayName: 'A' }));
    await env.sdk.role.createRole(
      create(CreateRoleSchema, { name: 'child_a', displayName: 'Child', extends: 'base_a' }),
    );
    await expectGrpcError(env.sdk.role.deleteRole('base_a'), Code.FailedPrecondition, /child_a/);
    await env.sdk.role.deleteRole('base_a', 'member');
    expect((await env.sdk.role.getRole('child_a')).role?.extends).toBe('member');
  });

  it('sets the default roles, which must exist, and new members get the default member role', async () => {
    await expectGrpcError(
      env.sdk.role.updateDefaultRoles({ defaultMemberRole: 'ghost' }),
      Code.NotFound,
      /ghost/,
    );
    await env.sdk.role.createRole(
      create(CreateRoleSchema, { name: 'guest', displayName: 'Guest' }),
    );
    const updated = await env.sdk.role.updateDefaultRoles({ defaultMemberRole: 'guest' });
    expect(updated.defaultMember?.name).toBe('guest');
    expect(updated.defaultCreator?.name).toBe('admin');
    const { user } = await env.sdk.user.createUserAndMembership('org_globex', {
      email: 'new-guest@globex.test',
    });
    expect(user?.memberships[0]?.roles.map((r) => r.name)).toEqual(['guest']);
    expect((await env.sdk.role.getRole('guest')).role?.defaultMember).toBe(true);
    await env.sdk.role.updateDefaultRoles({ defaultMemberRole: 'member' });
  });
});
