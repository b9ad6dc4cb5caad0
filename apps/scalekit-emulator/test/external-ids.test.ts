// The SDK's ...ByExternalId user and membership calls address a user by the application's own
// id: they act on that user, and an unknown external id is NotFound with nothing changed.
import { Code } from '@connectrpc/connect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from './support/emulator.js';
import { expectGrpcError } from './support/grpc-errors.js';

describe('users and memberships by external id', () => {
  let env: TestEmulator;
  beforeAll(async () => {
    env = await startTestEmulator();
  });
  afterAll(() => env.close());

  async function userWithExternalId(email: string, externalId: string): Promise<string> {
    const { user } = await env.sdk.user.createUserAndMembership('org_acme', {
      email,
      externalId,
      userProfile: { firstName: 'Ext', lastName: 'Ernal' },
      sendInvitationEmail: false,
    });
    return user?.id ?? '';
  }

  it('updates a user by external id', async () => {
    const id = await userWithExternalId('ext-update+sktest@acme.test', 'crm-update');
    const { user } = await env.sdk.user.updateUserByExternalId('crm-update', {
      userProfile: { firstName: 'Renamed' },
      metadata: { tier: 'gold' },
    });
    expect(user).toMatchObject({ id, metadata: { tier: 'gold' } });
    expect(user?.userProfile?.givenName).toBe('Renamed');
    expect((await env.sdk.user.getUser(id)).user?.userProfile?.givenName).toBe('Renamed');
  });

  it('updates and deletes a membership by the user external id', async () => {
    const id = await userWithExternalId('ext-member+sktest@acme.test', 'crm-member');
    await env.sdk.user.createMembershipByExternalId('org_globex', 'crm-member', {
      sendInvitationEmail: false,
    });
    const { user } = await env.sdk.user.updateMembershipByExternalId('org_globex', 'crm-member', {
      roles: ['admin'],
      metadata: { team: 'ops' },
    });
    const globex = user?.memberships.find((m) => m.organizationId === 'org_globex');
    expect(globex?.roles.map((role) => role.name)).toEqual(['admin']);
    expect(globex?.metadata).toEqual({ team: 'ops' });

    await env.sdk.user.deleteMembershipByExternalId('org_globex', 'crm-member');
    const after = await env.sdk.user.getUser(id);
    expect(after.user?.memberships.map((m) => m.organizationId)).toEqual(['org_acme']);
  });

  it('deletes a user by external id', async () => {
    const id = await userWithExternalId('ext-delete+sktest@acme.test', 'crm-delete');
    await env.sdk.user.deleteUserByExternalId('crm-delete');
    await expectGrpcError(env.sdk.user.getUser(id), Code.NotFound);
  });

  it('answers NotFound for an unknown external id and changes nothing', async () => {
    const before = await env.sdk.user.listOrganizationUsers('org_acme', { pageSize: 100 });
    await expectGrpcError(
      env.sdk.user.updateUserByExternalId('crm-nobody', { metadata: { a: 'b' } }),
      Code.NotFound,
    );
    await expectGrpcError(
      env.sdk.user.updateMembershipByExternalId('org_acme', 'crm-nobody', { roles: ['admin'] }),
      Code.NotFound,
    );
    await expectGrpcError(
      env.sdk.user.deleteMembershipByExternalId('org_acme', 'crm-nobody'),
      Code.NotFound,
    );
    await expectGrpcError(env.sdk.user.deleteUserByExternalId('crm-nobody'), Code.NotFound);
    const after = await env.sdk.user.listOrganizationUsers('org_acme', { pageSize: 100 });
    expect(after.totalSize).toBe(before.totalSize);
  });
});
