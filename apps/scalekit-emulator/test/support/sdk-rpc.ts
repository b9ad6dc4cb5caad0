// The SDK's own RPC machinery (CoreClient: client_credentials token, retry on Unauthenticated,
// error mapping; GrpcConnect: its transport) for RPCs the SDK declares but none of its clients
// wraps, e.g. GetPortalLinks or VerifyDomain.
import { createRequire } from 'node:module';
import type { DescService } from '@bufbuild/protobuf';
import type { Client } from '@connectrpc/connect';
import type { RunningEmulator } from '../../src/index.js';

// CommonJS modules with a default export: required as the SDK's own index requires them.
const require = createRequire(import.meta.url);
const { default: CoreClient } =
  require('@scalekit-sdk/node/lib/core.js') as typeof import('@scalekit-sdk/node/lib/core.js');
const { default: GrpcConnect } =
  require('@scalekit-sdk/node/lib/connect.js') as typeof import('@scalekit-sdk/node/lib/connect.js');

export interface SdkRpc<T extends DescService> {
  client: Client<T>;
  /** Runs one RPC the way the SDK's clients do (`coreClient.connectExec`). */
  exec<Req, Res>(fn: (request: Req) => Promise<Res>, request: Req): Promise<Res>;
}

export function sdkRpc<T extends DescService>(emulator: RunningEmulator, service: T): SdkRpc<T> {
  const core = new CoreClient(emulator.url, emulator.clientId, emulator.clientSecret);
  // The SDK's CommonJS build types its client with connect's CommonJS declarations; it is the
  // same client as the ESM declarations describe.
  const client = new GrpcConnect(core).createClient(service) as unknown as Client<T>;
  return { client, exec: (fn, request) => core.connectExec(fn, request) };
}
