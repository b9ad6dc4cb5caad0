import { create } from '@bufbuild/protobuf';
import { Code } from '@connectrpc/connect';
import {
  CreateOrganizationRoleSchema,
  UpdateRoleSchema,
} from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/roles/roles_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSeed } from '../src/index.js';
import { startTestEmulator, type TestEmulator } from './support/emulator.js';
import { expectGrpcError } from './support/grpc-errors.js';

describe('organization roles through the SDK', () => {
  let env: TestEmulator;
  beforeAll(async () => {
    env = await startTestEmulator();
  });
  afterAll(() => env.close());

  const orgRole = (name: string, fields: { extends?: string; permissions?: string[] } = {}) =>
    create(CreateOrganizationRoleSchema, { name, displayName: name.toUpperCase(), ...fields });
  const namesIn = async (orgId: string): Promise<string[]> =>
    (await env.sdk.role.listOrganizationRoles(orgId)).roles.map((role) => role.name);
  const rolesOf = async (orgId: string, userId: string): Promise<string[]> =>
    (await env.sdk.user.listUserRoles(orgId, userId)).roles.map((role) => role.name);

  it('lists the environment roles and the organization own ones together', async () => {
    const { roles } = await env.sdk.role.listOrganizationRoles('org_acme');
    expect(roles.map((role) => [role.name, role.isOrgRole])).toEqual([
      ['admin', false],
      ['member', false],
      ['billing', true],
    ]);
    expect(await namesIn('org_globex')).toEqual(['admin', 'member']);
    await expectGrpcError(
      env.sdk.role.listOrganizationRoles('org_000000000000000000'),
      Code.NotFound,
    );
  });

  it('reads an organization role, and the environment roles as the organization sees them', async () => {
    const { role } = await env.sdk.role.getOrganizationRole('org_acme', 'billing');
    expect(role).toMatchObject({ name: 'billing', extends: 'member', isOrgRole: true });
    expect((await env.sdk.role.getOrganizationRole('org_acme', 'admin')).role?.isOrgRole).toBe(
      false,
    );
    await expectGrpcError(env.sdk.role.getOrganizationRole('org_globex', 'billing'), Code.NotFound);
    // An organization role is not an environment role.
    await expectGrpcError(env.sdk.role.getRole('billing'), Code.NotFound);
  });

  it('creates organization roles: a name may repeat across organizations but not clash in one', async () => {
    const { role } = await env.sdk.role.createOrganizationRole(
      'org_globex',
      orgRole('billing', { extends: 'admin', permissions: ['invoices:read'] }),
    );
    expect(role).toMatchObject({ name: 'billing', extends: 'admin', isOrgRole: true });
    expect(role?.permissions.map((p) => p.name)).toEqual(['invoices:read']);
    await expectGrpcError(
      env.sdk.role.createOrganizationRole('org_globex', orgRole('billing')),
      Code.AlreadyExists,
    );
    await expectGrpcError(
      env.sdk.role.createOrganizationRole('org_globex', orgRole('member')),
      Code.AlreadyExists,
    );
    await expectGrpcError(
      env.sdk.role.createOrganizationRole('org_globex', orgRole('auditor', { extends: 'ghost' })),
      Code.NotFound,
    );
    await expectGrpcError(
      env.sdk.role.createOrganizationRole('org_000000000000000000', orgRole('auditor')),
      Code.NotFound,
    );
    expect(await namesIn('org_globex')).toEqual(['admin', 'member', 'billing']);
  });

  it('updates only the fields sent, and only the organization own roles', async () => {
    const { role } = await env.sdk.role.updateOrganizationRole(
      'org_acme',
      'billing',
      create(UpdateRoleSchema, { description: 'Pays the bills' }),
    );
    expect(role).toMatchObject({
      displayName: 'Billing',
      description: 'Pays the bills',
      extends: 'member',
    });
    expect(role?.permissions.map((p) => p.name)).toEqual(['invoices:read', 'invoices:pay']);
    await expectGrpcError(
      env.sdk.role.updateOrganizationRole(
        'org_acme',
        'admin',
        create(UpdateRoleSchema, { displayName: 'Boss' }),
      ),
      Code.FailedPrecondition,
      /environment role/,
    );
    expect((await env.sdk.role.getRole('admin')).role?.displayName).toBe('Admin');
  });

  it('grants an organization role in its organization only, and counts its holders', async () => {
    const member = 'usr_acmemember000001';
    await env.sdk.user.assignUserRoles('org_acme', member, ['billing']);
    expect(await rolesOf('org_acme', member)).toEqual(['member', 'billing']);
    expect((await env.sdk.role.getOrganizationRoleUsersCount('org_acme', 'billing')).count).toBe(
      1n,
    );
    expect((await env.sdk.role.getOrganizationRoleUsersCount('org_globex', 'billing')).count).toBe(
      0n,
    );
    await expectGrpcError(
      env.sdk.user.assignUserRoles('org_globex', 'usr_globexadmin00001', ['auditor']),
      Code.InvalidArgument,
      /auditor/,
    );
  });

  it('drops the base of an organization role with deleteOrganizationRoleBase', async () => {
    await env.sdk.role.deleteOrganizationRoleBase('org_globex', 'billing');
    expect(
      (await env.sdk.role.getOrganizationRole('org_globex', 'billing')).role?.extends,
    ).toBeUndefined();
  });

  it('sets the organization default member role, which new invitations and memberships get', async () => {
    await expectGrpcError(
      env.sdk.role.updateDefaultOrganizationRoles('org_acme', 'ghost'),
      Code.NotFound,
    );
    const { defaultMember } = await env.sdk.role.updateDefaultOrganizationRoles(
      'org_acme',
      'billing',
    );
    expect(defaultMember).toMatchObject({ name: 'billing', defaultMember: true });
    const invited = await env.sdk.user.createUserAndMembership('org_acme', {
      email: 'new@acme.test',
    });
    expect(invited.user?.memberships[0]?.roles.map((r) => r.name)).toEqual(['billing']);
    // Another organization keeps the environment default.
    const joined = await env.sdk.user.createMembership('org_globex', invited.user?.id ?? '', {
      sendInvitationEmail: false,
    });
    expect(
      joined.user?.memberships
        .find((m) => m.organizationId === 'org_globex')
        ?.roles.map((r) => r.name),
    ).toEqual(['member']);
    await expectGrpcError(
      env.sdk.role.deleteOrganizationRole('org_acme', 'billing'),
      Code.FailedPrecondition,
      /default/,
    );
    await env.sdk.role.updateDefaultOrganizationRoles('org_acme', 'member');
  });

  it('deletes an organization role: holders move to the reassign role, or keep their other roles', async () => {
    await env.sdk.role.createOrganizationRole(
      'org_acme',
      orgRole('auditor', { extends: 'billing' }),
    );
    await expectGrpcError(
      env.sdk.role.deleteOrganizationRole('org_acme', 'billing'),
      Code.FailedPrecondition,
      /auditor/,
    );
    await expectGrpcError(
      env.sdk.role.deleteOrganizationRole('org_acme', 'billing', 'ghost'),
      Code.NotFound,
    );
    await env.sdk.role.deleteOrganizationRole('org_acme', 'auditor');

    const { users } = await env.sdk.user.listOrganizationUsers('org_acme', { pageSize: 10 });
    const billingOnly = users.find((u) => u.email === 'new@acme.test');
    await env.sdk.role.deleteOrganizationRole('org_acme', 'billing');
    // The member who also had billing keeps member; the one with billing only gets the default.
    expect(await rolesOf('org_acme', 'usr_acmemember000001')).toEqual(['member']);
    expect(await rolesOf('org_acme', billingOnly?.id ?? '')).toEqual(['member']);
    expect(await namesIn('org_acme')).toEqual(['admin', 'member']);
  });

  it('moves holders to the reassign role when one is given', async () => {
    await env.sdk.role.createOrganizationRole('org_globex', orgRole('ops'));
    await env.sdk.user.assignUserRoles('org_globex', 'usr_globexadmin00001', ['ops']);
    await env.sdk.role.deleteOrganizationRole('org_globex', 'ops', 'billing');
    expect(await rolesOf('org_globex', 'usr_globexadmin00001')).toEqual(['admin', 'billing']);
  });

  it('removes an organization role together with its organization', async () => {
    const { organization } = await env.sdk.organization.createOrganization('Short lived');
    const orgId = organization?.id ?? '';
    await env.sdk.role.createOrganizationRole(orgId, orgRole('temp'));
    await env.sdk.organization.deleteOrganization(orgId);
    await expectGrpcError(env.sdk.role.getOrganizationRole(orgId, 'temp'), Code.NotFound);
  });
});

describe('organization roles from the seed', () => {
  it("gives a seeded organization's later members its default member role", async () => {
    const env = await startTestEmulator({
      seed: parseSeed({
        clients: [{ id: 'skc_x', secret: 'long-enough', redirectUris: ['http://app.test/cb'] }],
        organizations: [
          {
            id: 'org_seeded',
            displayName: 'Seeded',
            roles: [{ name: 'crew', displayName: 'Crew', extends: 'member' }],
            defaultMemberRole: 'crew',
            users: [{ email: 'first@seeded.test' }, { email: 'second@seeded.test' }],
          },
        ],
      }),
    });
    try {
      const { users } = await env.sdk.user.listOrganizationUsers('org_seeded', { pageSize: 10 });
      expect(users.map((u) => u.memberships[0]?.roles.map((r) => r.name))).toEqual([
        ['admin'],
        ['crew'],
      ]);
      const { roles } = await env.sdk.role.listOrganizationRoles('org_seeded');
      expect(roles.find((role) => role.name === 'crew')?.defaultMember).toBe(true);
    } finally {
      await env.close();
    }
  });
});
