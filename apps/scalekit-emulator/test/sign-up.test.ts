// Sign-up through an allowed email domain: a person without an account whose address Acme's
// allowed domain accepts may sign up on the hosted page once the PRE_SIGNUP interceptor allows
// it; DENY leaves nothing created. Other addresses stay invite-only and never reach the hook.
import { MembershipStatus } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/commons/commons_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSeed } from '../src/index.js';
import { HostedPageError } from '../src/testing/index.js';
import { POLICY_RESTRICTION_MESSAGE } from '../src/interceptors/hooks.js';
import {
  ACME,
  APP_ORIGIN,
  GLOBEX,
  decodeJwtPayload,
  signInWithSdk,
  startAuthEmulator,
  type AuthTestEmulator,
} from './support/auth-fixtures.js';
import { startReceiver, type Receiver } from './support/receiver.js';

const SECRET = 'whsec_c2lnbi11cC1pbnRlcmNlcHRvci1zZWNyZXQ=';

let t: AuthTestEmulator;
let hooks: Receiver;

beforeAll(async () => {
  hooks = await startReceiver();
  t = await startAuthEmulator({
    seed: {
      ...buildSeed({ appOrigin: APP_ORIGIN, webhookUrl: `${hooks.url}/webhooks` }),
      interceptors: {
        PRE_SIGNUP: {
          url: `${hooks.url}/pre-signup`,
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
  await hooks.close();
});

const signUpCalls = () => hooks.received.filter((r) => r.path === '/pre-signup');

function answerSignUp(body: unknown, delayMs?: number): void {
  hooks.answerWith((request) =>
    request.path === '/pre-signup'
      ? { status: 200, body, ...(delayMs === undefined ? {} : { delayMs }) }
      : { status: 204, body: null },
  );
}

describe('signing up through an allowed email domain', () => {
  it('asks PRE_SIGNUP with a signed request, then the new person joins Acme from the picker', async () => {
    const email = 'newcomer+sktest@acme.test';
    answerSignUp({ decision: 'ALLOW' });
    const result = await signInWithSdk(t, email, { organizationId: ACME });
    expect(decodeJwtPayload(result.accessToken).oid).toBe(ACME);

    const call = signUpCalls().at(-1);
    expect(t.sdk.verifyInterceptorPayload(SECRET, call?.headers ?? {}, call?.body ?? '')).toBe(
      true,
    );
    expect(call?.json).toMatchObject({
      trigger_point: 'PRE_SIGNUP',
      interceptor_context: { user_email: email, environment_id: 'env_local' },
      data: {},
    });
    expect(call?.json.interceptor_context).not.toHaveProperty('user_id');

    const user = t.emulator.context.directory.findUserByEmail(email);
    const { user: read } = await t.sdk.user.getUser(user?.id ?? '');
    expect(read?.memberships).toMatchObject([
      {
        organizationId: ACME,
        membershipStatus: MembershipStatus.ACTIVE,
        provisioningMethod: 'allowed_email_domain',
      },
    ]);
    await hooks.waitFor((r) => r.json.type === 'user.signup' && r.body.includes(email));
  });

  it('refuses on DENY with the hook message and creates nothing', async () => {
    const email = 'blocked+sktest@acme.test';
    answerSignUp({ decision: 'DENY', error: { message: 'Sign-ups are paused this week' } });
    const failure = await signInWithSdk(t, email).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HostedPageError);
    expect((failure as HostedPageError).status).toBe(403);
    expect((failure as HostedPageError).html).toContain('Sign-ups are paused this week');
    expect(t.emulator.context.directory.findUserByEmail(email)).toBeUndefined();
  });

  it('refuses when the hook is too slow under fail-closed', async () => {
    const email = 'slow-hook+sktest@acme.test';
    answerSignUp({ decision: 'ALLOW' }, 1500);
    const failure = await signInWithSdk(t, email).catch((error: unknown) => error);
    expect((failure as HostedPageError).html).toContain(POLICY_RESTRICTION_MESSAGE);
    expect(t.emulator.context.directory.findUserByEmail(email)).toBeUndefined();
  });

  it('joins the organization the hook names with its roles', async () => {
    const email = 'routed+sktest@acme.test';
    answerSignUp({
      decision: 'ALLOW',
      response: { create_organization_membership: { organization_id: GLOBEX, roles: ['admin'] } },
    });
    const result = await signInWithSdk(t, email);
    expect(decodeJwtPayload(result.accessToken)).toMatchObject({ oid: GLOBEX, roles: ['admin'] });
  });

  it('refuses the sign-up when the organization the hook names is full, creating no account', async () => {
    const email = 'overflow+sktest@acme.test';
    await t.sdk.organization.upsertUserManagementSettings(GLOBEX, { maxAllowedUsers: 1 });
    answerSignUp({
      decision: 'ALLOW',
      response: { create_organization_membership: { organization_id: GLOBEX } },
    });
    try {
      const failure = await signInWithSdk(t, email).catch((error: unknown) => error);
      expect((failure as HostedPageError).html).toContain('organization user limit reached');
      expect(t.emulator.context.directory.findUserByEmail(email)).toBeUndefined();
    } finally {
      await t.sdk.organization.upsertUserManagementSettings(GLOBEX, { maxAllowedUsers: 0 });
    }
  });

  it('keeps other addresses invite-only without calling the hook', async () => {
    const before = signUpCalls().length;
    const failure = await signInWithSdk(t, 'stranger+sktest@nowhere.test').catch(
      (error: unknown) => error,
    );
    expect((failure as HostedPageError).html).toContain('invite-only');
    expect(signUpCalls()).toHaveLength(before);
  });
});
