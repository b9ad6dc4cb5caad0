// Every SDK service the emulator does not speak (SSO connections, directories, passwordless,
// M2M clients, API tokens, AgentKit, ...) answers gRPC Unimplemented naming the method, never a
// bare HTTP 404. The SDK's descriptors are loaded on the first such call only, so start-up
// does not pay for services nobody calls.
import type { DescService } from '@bufbuild/protobuf';
import type { ConnectRouter, Interceptor } from '@connectrpc/connect';
import { connectNodeAdapter } from '@connectrpc/connect-node';

/** The handler shape connect-node's adapter returns and accepts as its fallback. */
export type NodeHandler = ReturnType<typeof connectNodeAdapter>;

/** Each module of the SDK that declares services (literal specifiers, so bundlers see them). */
const SDK_SERVICE_MODULES: (() => Promise<Record<string, unknown>>)[] = [
  () => import('@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/auditlogs/auditlogs_pb.js'),
  () => import('@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/auth/auth_pb.js'),
  () => import('@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/auth/passwordless_pb.js'),
  () => import('@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/auth/webauthn_pb.js'),
  () => import('@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/clients/clients_pb.js'),
  () =>
    import('@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/connected_accounts/connected_accounts_pb.js'),
  () => import('@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/connections/connections_pb.js'),
  () => import('@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/directories/directories_pb.js'),
  () => import('@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/domains/domains_pb.js'),
  () => import('@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/events/events_pb.js'),
  () => import('@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/organizations/organizations_pb.js'),
  () => import('@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/roles/roles_pb.js'),
  () => import('@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/sessions/sessions_pb.js'),
  () => import('@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/tokens/tokens_pb.js'),
  () => import('@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/tools/tools_pb.js'),
  () => import('@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/users/users_pb.js'),
];

export async function loadSdkServices(): Promise<DescService[]> {
  const modules = await Promise.all(SDK_SERVICE_MODULES.map((load) => load()));
  return modules.flatMap((module) => Object.values(module).filter(isService));
}

/**
 * The fallback for RPC paths no emulated service matched: serves the SDK's remaining services
 * with no methods, so connect answers each call Unimplemented ("<service>.<Method> is not
 * implemented"), behind the same interceptors as the emulated ones.
 */
export function unimplementedServices(opts: {
  served: () => ReadonlySet<string>;
  interceptors: Interceptor[];
}): NodeHandler {
  let handler: Promise<NodeHandler> | undefined;
  const build = async (): Promise<NodeHandler> => {
    const served = opts.served();
    const services = (await loadSdkServices()).filter((s) => !served.has(s.typeName));
    return connectNodeAdapter({
      routes: (router: ConnectRouter) => {
        for (const service of services) router.service(service, {});
      },
      interceptors: opts.interceptors,
    });
  };
  return (req, res) => {
    handler ??= build();
    handler.then(
      (handle) => handle(req, res),
      (error: unknown) => {
        console.error('scalekit-emulator: cannot load the SDK service descriptors', error);
        res.statusCode = 500;
        res.end();
      },
    );
  };
}

function isService(value: unknown): value is DescService {
  return typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'service';
}
