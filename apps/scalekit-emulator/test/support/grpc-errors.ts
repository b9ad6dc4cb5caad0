// Awaits an SDK call that must fail with a given gRPC code, and returns the SDK's exception.
import type { Code } from '@connectrpc/connect';
import type { ScalekitServerException } from '@scalekit-sdk/node';
import { expect } from 'vitest';
import { expectSdkError } from './emulator.js';

const HTTP_OF: Partial<Record<Code, number>> = {
  3: 400, // InvalidArgument
  5: 404, // NotFound
  6: 409, // AlreadyExists
  7: 403, // PermissionDenied
  9: 400, // FailedPrecondition
  12: 501, // Unimplemented
};

export async function expectGrpcError(
  call: Promise<unknown>,
  code: Code,
  message?: RegExp,
): Promise<ScalekitServerException> {
  const error = await expectSdkError(call, HTTP_OF[code] ?? 500);
  expect(error.grpcStatus).toBe(code);
  if (message !== undefined) expect(error.message).toMatch(message);
  return error;
}
