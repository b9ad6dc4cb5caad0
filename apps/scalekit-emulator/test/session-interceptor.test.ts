// PRE_SESSION_CREATION: asked before a sign-in gets its tokens. ALLOW may add claims that the
// session's access tokens carry under custom_claims; DENY stops the sign-in and changes nothing.
import { MembershipStatus } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/commons/commons_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSeed } from '../src/index.js';
import { CookieJar, HostedPageError, signInThroughHostedPage } from '../src/testing/index.js';
import {
  ACME,
  APP_ORIGIN,
  REDIRECT_URI,
  decodeJwtPayload,
  postToken,
  signInWithSdk,
  startAuthEmulator,
  type AuthTestEmulator,
} from './support/auth-fixtures.js';
import { startReceiver, type Receiver } from './support/receiver.js';

const SECRET = 'whsec_c2Vzc2lvbi1jcmVhdGlvbi1ob29rLXNlY3JldA==';

let t: AuthTestEmulator;
let hook: Receiver;

beforeAll(async () => {
  hook = await startReceiver();
  t = await startAuthEmulator({
    seed: {
      ...buildSeed({ appOrigin: APP_ORIGIN, webhookUrl: null }),
      interceptors: {
        PRE_SESSION_CREATION: {
          url: `${hook.url}/session`,
          secret: SECRET,
          timeoutMs: 400,
          failPolicy: 'closed',
          enabled: true,
        },
      },
    },
  });
});
afterAll(async () => {
  await t.close();
  await hook.close();
});

describe('PRE_SESSION_CREATION', () => {
  it('adds the hook claims to every access token of the session, refreshes included', async () => {
    hook.answerWith(() => ({
      status: 200,
      body: { decision: 'ALLOW', response: { claims: { plan: 'gold', seats: 3 } } },
    }));
    const result = await signInWithSdk(t, 'admin+sktest@acme.test');
    expect(decodeJwtPayload(result.accessToken).custom_claims).toEqual({ plan: 'gold', seats: 3 });

    const call = hook.received.at(-1);
    expect(t.sdk.verifyInterceptorPayload(SECRET, call?.headers ?? {}, call?.body ?? '')).toBe(
      true,
    );
    expect(call?.json).toMatchObject({
      trigger_point: 'PRE_SESSION_CREATION',
      interceptor_context: { user_email: 'admin+sktest@acme.test', organization_id: ACME },
      data: {
        user: {
          email: 'admin+sktest@acme.test',
          first_name: 'Ada',
          memberships: [{ organization_id: ACME, status: 'ACTIVE' }],
        },
      },
    });

    const refreshed = await postToken(t.emulator.url, {
      grant_type: 'refresh_token',
      refresh_token: result.refreshToken,
      client_id: t.emulator.clientId,
      client_secret: t.emulator.clientSecret,
    });
    expect(decodeJwtPayload(String(refreshed.body.access_token)).custom_claims).toEqual({
      plan: 'gold',
      seats: 3,
    });
  });

  it('stops a denied sign-in with the hook message and leaves an invitation pending', async () => {
    const { user } = await t.sdk.user.createUserAndMembership(ACME, {
      email: 'held+sktest@acme.test',
    });
    hook.answerWith(() => ({
      status: 200,
      body: { decision: 'DENY', error: { message: 'Your device is not managed' } },
    }));
    const failure = await signInWithSdk(t, 'held+sktest@acme.test').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HostedPageError);
    expect((failure as HostedPageError).status).toBe(403);
    expect((failure as HostedPageError).html).toContain('Your device is not managed');
    const { user: after } = await t.sdk.user.getUser(user?.id ?? '');
    expect(after?.memberships[0]?.membershipStatus).toBe(MembershipStatus.PENDING_INVITE);
  });

  it('answers access_denied to a silent sign-in the hook denies', async () => {
    hook.answerWith(() => ({ status: 200, body: { decision: 'ALLOW' } }));
    const jar = new CookieJar();
    await signInWithSdk(t, 'member+sktest@acme.test', { cookieJar: jar });
    hook.answerWith(() => ({ status: 200, body: { decision: 'DENY' } }));
    const silent = await signInThroughHostedPage({
      authorizeUrl: t.sdk.getAuthorizationUrl(REDIRECT_URI, {
        state: 's',
        scopes: ['openid'],
        prompt: 'none',
      }),
      email: 'member+sktest@acme.test',
      cookieJar: jar,
    });
    expect(silent.error).toBe('access_denied');
    expect(silent.code).toBeNull();
  });
});
