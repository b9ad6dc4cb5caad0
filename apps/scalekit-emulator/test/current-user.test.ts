// GetCurrentUser and GetSupportHash act for the signed-in user: called with that user's access
// token they answer for its user and session; a client_credentials token has no user.
import { createHmac } from 'node:crypto';
import { Code, ConnectError, createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { UserService } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/users/users_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACME,
  ADMIN_EMAIL,
  ADMIN_ID,
  decodeJwtPayload,
  signInWithSdk,
  startAuthEmulator,
  type AuthTestEmulator,
} from './support/auth-fixtures.js';
import { expectGrpcError } from './support/grpc-errors.js';
import { sdkRpc } from './support/sdk-rpc.js';

describe('the current user', () => {
  let t: AuthTestEmulator;
  beforeAll(async () => {
    t = await startAuthEmulator();
  });
  afterAll(() => t.close());

  const asUser = (accessToken: string) =>
    createClient(
      UserService,
      createGrpcTransport({
        baseUrl: t.emulator.url,
        interceptors: [
          (next) => (req) => {
            req.header.set('authorization', `Bearer ${accessToken}`);
            return next(req);
          },
        ],
      }),
    );

  it('is the user and session behind a user access token', async () => {
    const { accessToken } = await signInWithSdk(t, ADMIN_EMAIL, { organizationId: ACME });
    const answer = await asUser(accessToken).getCurrentUser({});
    expect(answer.user).toMatchObject({ id: ADMIN_ID, email: ADMIN_EMAIL });
    expect(answer.currentSessionId).toBe(decodeJwtPayload(accessToken).sid);
    expect(answer.gatewayEnabled).toBe(false);
  });

  it('has a support hash: HMAC-SHA256 of the email under the application secret', async () => {
    const { accessToken } = await signInWithSdk(t, ADMIN_EMAIL, { organizationId: ACME });
    const { supportHash } = await asUser(accessToken).getSupportHash({});
    expect(supportHash).toBe(
      createHmac('sha256', t.emulator.clientSecret).update(ADMIN_EMAIL).digest('hex'),
    );
  });

  it('is refused to a client_credentials token, which has no user', async () => {
    const rpc = sdkRpc(t.emulator, UserService);
    await expect(rpc.exec(rpc.client.getCurrentUser, {})).rejects.toThrow(
      /acts for a signed-in user/,
    );
    await expectGrpcError(rpc.exec(rpc.client.getSupportHash, {}), Code.PermissionDenied);
  });

  it('ends with the session: a revoked session token is unauthenticated, and a user token opens nothing else', async () => {
    const { accessToken } = await signInWithSdk(t, ADMIN_EMAIL, { organizationId: ACME });
    const user = asUser(accessToken);
    await expect(user.getUser({ identities: { case: 'id', value: ADMIN_ID } })).rejects.toSatisfy(
      (error) => ConnectError.from(error).code === Code.Unauthenticated,
    );
    await t.sdk.session.revokeSession(String(decodeJwtPayload(accessToken).sid));
    await expect(user.getCurrentUser({})).rejects.toSatisfy(
      (error) => ConnectError.from(error).code === Code.Unauthenticated,
    );
  });
});
