import { Code, ConnectError, createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { ScalekitClient } from '@scalekit-sdk/node';
import { OrganizationService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/organizations/organizations_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from './support/emulator.js';

describe('authentication of management calls', () => {
  let env: TestEmulator;
  beforeAll(async () => {
    env = await startTestEmulator();
  });
  afterAll(() => env.close());

  function rawClient(authorization?: string) {
    return createClient(
      OrganizationService,
      createGrpcTransport({
        baseUrl: env.emulator.url,
        interceptors: [
          (next) => (req) => {
            if (authorization !== undefined) req.header.set('authorization', authorization);
            return next(req);
          },
        ],
      }),
    );
  }

  async function codeOf(call: Promise<unknown>): Promise<Code | undefined> {
    return call.then(
      () => undefined,
      (error: unknown) => ConnectError.from(error).code,
    );
  }

  async function clientCredentialsToken(secret = env.emulator.clientSecret): Promise<Response> {
    return fetch(`${env.emulator.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: env.emulator.clientId,
        client_secret: secret,
      }),
    });
  }

  it('answers Unauthenticated to a call without a token, and to a forged one', async () => {
    const read = { identities: { case: 'id' as const, value: 'org_acme' } };
    expect(await codeOf(rawClient().getOrganization(read))).toBe(Code.Unauthenticated);
    expect(await codeOf(rawClient('Bearer not-a-token').getOrganization(read))).toBe(
      Code.Unauthenticated,
    );
  });

  it('serves a call that carries a client_credentials access token', async () => {
    const response = await clientCredentialsToken();
    const { access_token: token } = (await response.json()) as { access_token: string };
    const { organization } = await rawClient(`Bearer ${token}`).getOrganization({
      identities: { case: 'id', value: 'org_acme' },
    });
    expect(organization?.displayName).toBe('Acme');
  });

  it('lets a fresh SDK client fetch its token after the first Unauthenticated answer', async () => {
    const sdk = new ScalekitClient(
      env.emulator.url,
      env.emulator.clientId,
      env.emulator.clientSecret,
    );
    const { organization } = await sdk.organization.getOrganization('org_globex');
    expect(organization?.displayName).toBe('Globex');
  });

  it('refuses an SDK client with a wrong client secret', async () => {
    expect((await clientCredentialsToken('wrong-secret')).status).toBe(401);
    const sdk = new ScalekitClient(env.emulator.url, env.emulator.clientId, 'wrong-secret');
    await expect(sdk.organization.getOrganization('org_acme')).rejects.toThrow(/401/);
  });
});
