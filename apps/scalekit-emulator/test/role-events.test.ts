// Webhooks for role and permission changes, as Scalekit announces them.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { create } from '@bufbuild/protobuf';
import {
  CreateOrganizationRoleSchema,
  CreatePermissionSchema,
  CreateRoleSchema,
  UpdateRoleSchema,
} from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/roles/roles_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSeed } from '../src/index.js';
import { startTestEmulator, type TestEmulator } from './support/emulator.js';

interface RoleEvent {
  type: string;
  organization_id: string | null;
  object: string;
  data: {
    name: string;
    description?: string;
    is_org_role?: boolean;
    permissions?: string[];
    user?: { id: string };
    membership?: { roles: { name: string }[] };
  };
}

describe('role and permission webhooks', () => {
  let env: TestEmulator;
  let receiver: http.Server;
  const events: RoleEvent[] = [];

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        events.push(JSON.parse(body) as RoleEvent);
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    env = await startTestEmulator({
      seed: buildSeed({
        appOrigin: 'http://localhost:3000',
        webhookUrl: `http://127.0.0.1:${port}/hooks`,
      }),
      settings: { deliveryRetryBaseMs: 50 },
    });
  });
  afterAll(async () => {
    await env.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  async function eventsOf(count: number): Promise<[string, string | null, string][]> {
    for (let waited = 0; waited < 10_000 && events.length < count; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return events.map((event) => [event.type, event.organization_id, event.data.name]);
  }

  it('announces created, updated and deleted permissions and roles, organization roles with their organization', async () => {
    const sdk = env.sdk;
    await sdk.permission.createPermission(
      create(CreatePermissionSchema, { name: 'files:read', description: 'Read' }),
    );
    await sdk.permission.updatePermission(
      'files:read',
      create(CreatePermissionSchema, { name: 'files:read', description: 'Read files' }),
    );
    await sdk.role.createRole(
      create(CreateRoleSchema, {
        name: 'reader',
        displayName: 'Reader',
        permissions: ['files:read'],
      }),
    );
    await sdk.role.updateRole('reader', create(UpdateRoleSchema, { description: 'Reads files' }));
    await sdk.role.createOrganizationRole(
      'org_acme',
      create(CreateOrganizationRoleSchema, { name: 'clerk', displayName: 'Clerk' }),
    );
    await sdk.role.deleteOrganizationRole('org_acme', 'clerk');
    await sdk.role.deleteRole('reader');
    await sdk.permission.deletePermission('files:read');

    expect(await eventsOf(8)).toEqual([
      ['permission.created', null, 'files:read'],
      ['permission.updated', null, 'files:read'],
      ['role.created', null, 'reader'],
      ['role.updated', null, 'reader'],
      ['role.created', 'org_acme', 'clerk'],
      ['role.deleted', 'org_acme', 'clerk'],
      ['role.deleted', null, 'reader'],
      ['permission.deleted', null, 'files:read'],
    ]);
    expect(events[2]).toMatchObject({
      object: 'Role',
      data: { permissions: ['files:read'], is_org_role: false },
    });
    expect(events[1]).toMatchObject({ object: 'Permission', data: { description: 'Read files' } });
  });

  it('announces the membership change of each holder when a role is deleted with a reassign role', async () => {
    await env.sdk.role.createOrganizationRole(
      'org_globex',
      create(CreateOrganizationRoleSchema, { name: 'ops', displayName: 'Ops' }),
    );
    await env.sdk.user.assignUserRoles('org_globex', 'usr_globexadmin00001', ['ops']);
    const before = events.length;
    await env.sdk.role.deleteOrganizationRole('org_globex', 'ops', 'member');
    await eventsOf(before + 2);
    const announced = events
      .slice(before)
      .filter((event) => event.type === 'user.organization_membership_updated');
    expect(announced).toHaveLength(1);
    expect(announced[0]?.data.user?.id).toBe('usr_globexadmin00001');
    expect(announced[0]?.data.membership?.roles.map((role) => role.name)).toEqual([
      'admin',
      'member',
    ]);
  });
});
