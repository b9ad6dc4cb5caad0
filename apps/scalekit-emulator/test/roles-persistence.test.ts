import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from '@bufbuild/protobuf';
import {
  CreateOrganizationRoleSchema,
  CreatePermissionSchema,
  CreateRoleSchema,
} from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/roles/roles_pb.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestEmulator } from './support/emulator.js';

describe('roles and permissions in a data directory', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps permissions, roles, their links, inheritance and default roles across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scalekit-emulator-roles-'));
    dirs.push(dir);
    const first = await startTestEmulator({ inMemory: false, dataDir: dir });
    await first.sdk.permission.createPermission(
      create(CreatePermissionSchema, { name: 'audit:read', description: 'Read the audit log' }),
    );
    await first.sdk.role.createRole(
      create(CreateRoleSchema, {
        name: 'auditor',
        displayName: 'Auditor',
        extends: 'member',
        permissions: ['audit:read'],
      }),
    );
    await first.sdk.role.createOrganizationRole(
      'org_globex',
      create(CreateOrganizationRoleSchema, { name: 'finance', displayName: 'Finance' }),
    );
    await first.sdk.role.updateDefaultRoles({ defaultMemberRole: 'auditor' });
    await first.sdk.role.updateDefaultOrganizationRoles('org_globex', 'finance');
    await first.sdk.role.deleteOrganizationRole('org_acme', 'billing');
    await first.sdk.user.assignUserRoles('org_acme', 'usr_acmemember000001', ['auditor']);
    await first.close();

    const second = await startTestEmulator({ inMemory: false, dataDir: dir });
    try {
      const { role } = await second.sdk.role.getRole('auditor');
      expect(role).toMatchObject({ extends: 'member', defaultMember: true });
      const effective = await second.sdk.permission.listEffectiveRolePermissions('auditor');
      expect(effective.permissions.map((p) => p.name)).toContain('audit:read');
      expect(
        (await second.sdk.permission.getPermission('audit:read')).permission?.description,
      ).toBe('Read the audit log');
      const globex = await second.sdk.role.listOrganizationRoles('org_globex');
      expect(globex.roles.find((r) => r.name === 'finance')?.defaultMember).toBe(true);
      // The seed's roles are not written again over what changed since.
      const acme = await second.sdk.role.listOrganizationRoles('org_acme');
      expect(acme.roles.map((r) => r.name)).toEqual(['admin', 'member', 'auditor']);
      const { permissions } = await second.sdk.user.listUserPermissions(
        'org_acme',
        'usr_acmemember000001',
      );
      expect(permissions.map((p) => p.name)).toContain('audit:read');
    } finally {
      await second.close();
    }
  });
});
