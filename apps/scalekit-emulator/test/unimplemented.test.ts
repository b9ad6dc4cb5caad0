// Products the emulator does not speak answer gRPC Unimplemented naming the method, through the
// unmodified SDK, after the usual token check.
import { Code } from '@connectrpc/connect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSdkServices } from '../src/grpc/unimplemented.js';
import { startTestEmulator, type TestEmulator } from './support/emulator.js';
import { expectGrpcError } from './support/grpc-errors.js';

describe('services the emulator does not emulate', () => {
  let env: TestEmulator;
  beforeAll(async () => {
    env = await startTestEmulator();
  });
  afterAll(() => env.close());

  it('answers SSO, SCIM, passwordless, M2M and API token calls with Unimplemented naming the method', async () => {
    await expectGrpcError(
      env.sdk.connection.listConnections('org_acme'),
      Code.Unimplemented,
      /scalekit\.v1\.connections\.ConnectionService\.ListConnections is not implemented/,
    );
    await expectGrpcError(
      env.sdk.directory.listDirectories('org_acme'),
      Code.Unimplemented,
      /DirectoryService\.ListDirectories/,
    );
    await expectGrpcError(
      env.sdk.m2m.listOrganizationClients('org_acme'),
      Code.Unimplemented,
      /ClientService\.ListOrganizationClients/,
    );
    await expectGrpcError(
      env.sdk.passwordless.resendPasswordlessEmail('auth_request_1'),
      Code.Unimplemented,
      /PasswordlessService\.ResendPasswordlessEmail/,
    );
    await expectGrpcError(
      env.sdk.token.listTokens('org_acme'),
      Code.Unimplemented,
      /ApiTokenService\.ListTokens/,
    );
  });

  it('still requires a management token before saying so', async () => {
    const response = await fetch(
      `${env.emulator.url}/scalekit.v1.connections.ConnectionService/ListConnections`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'unauthenticated' });
  });

  it('knows every service the SDK declares', async () => {
    const names = (await loadSdkServices()).map((service) => service.typeName);
    expect(names).toEqual(
      expect.arrayContaining([
        'scalekit.v1.connections.ConnectionService',
        'scalekit.v1.directories.DirectoryService',
        'scalekit.v1.auth.passwordless.PasswordlessService',
        'scalekit.v1.clients.ClientService',
        'scalekit.v1.tokens.ApiTokenService',
        'scalekit.v1.tools.ToolService',
        'scalekit.v1.connected_accounts.ConnectedAccountService',
      ]),
    );
  });
});
