// Every RPC of the services behind the SDK's user, organization, role, permission, domain and
// session clients is emulated: none answers Unimplemented, whatever it is sent (an empty
// request is refused on its merits instead).
import { Code, ConnectError } from '@connectrpc/connect';
import { DomainService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/domains/domains_pb.js';
import { OrganizationService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/organizations/organizations_pb.js';
import { RolesService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/roles/roles_pb.js';
import { SessionService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/sessions/sessions_pb.js';
import { UserService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/users/users_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from './support/emulator.js';
import { sdkRpc } from './support/sdk-rpc.js';

const SERVICES = [UserService, OrganizationService, RolesService, DomainService, SessionService];

describe('the emulated services', () => {
  let env: TestEmulator;
  beforeAll(async () => {
    env = await startTestEmulator();
  });
  afterAll(() => env.close());

  it('answer every one of their methods', async () => {
    const unimplemented: string[] = [];
    let called = 0;
    for (const service of SERVICES) {
      const rpc = sdkRpc(env.emulator, service);
      const client = rpc.client as unknown as Record<string, (req: object) => Promise<unknown>>;
      for (const method of service.methods) {
        const call = client[method.localName];
        if (call === undefined) throw new Error(`no client method for ${method.name}`);
        called++;
        const failure = await rpc.exec(call, {}).then(
          () => undefined,
          (error: unknown) => error,
        );
        // The SDK wraps gRPC errors; its grpcStatus (or the connect code) tells Unimplemented.
        const code =
          failure === undefined
            ? undefined
            : ((failure as { grpcStatus?: Code }).grpcStatus ?? ConnectError.from(failure).code);
        if (code === Code.Unimplemented) unimplemented.push(`${service.typeName}.${method.name}`);
      }
    }
    expect(called).toBeGreaterThan(70);
    expect(unimplemented).toEqual([]);
  });
});
