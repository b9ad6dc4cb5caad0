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
    const calls: [string, () => Promise<unknown>][] = [
      [
        'scalekit.v1.connections.ConnectionService.ListConnections',
        () => env.sdk.connection.listConnections('org_acme'),
      ],
      [
        'scalekit.v1.directories.DirectoryService.ListDirectories',
        () => env.sdk.directory.listDirectories('org_acme'),
      ],
      [
        'scalekit.v1.auth.passwordless.PasswordlessService.ResendPasswordlessEmail',
        () => env.sdk.passwordless.resendPasswordlessEmail('auth_request_1'),
      ],
      [
        'scalekit.v1.clients.ClientService.ListOrganizationClients',
        () => env.sdk.m2m.listOrganizationClients('org_acme'),
      ],
      ['scalekit.v1.tokens.ApiTokenService.ListTokens', () => env.sdk.token.listTokens('org_acme')],
    ];
    for (const [method, call] of calls) {
      const error = await expectGrpcError(call(), Code.Unimplemented);
      expect(error.message).toContain(`${method} is not implemented`);
    }
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
