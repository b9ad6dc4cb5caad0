// Interceptors on invitations: every invitation through the API first asks the
// PRE_USER_INVITATION hook, signed so that the SDK's verifyInterceptorPayload accepts it;
// DENY, or a failure under fail-closed, refuses with nothing created or sent.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ScalekitForbiddenException } from '@scalekit-sdk/node';
import { MembershipStatus } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/commons/commons_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSeed, type InterceptorConfig, type Seed } from '../src/index.js';
import { POLICY_RESTRICTION_MESSAGE } from '../src/interceptors/hooks.js';
import { expectSdkError, startTestEmulator, type TestEmulator } from './support/emulator.js';
import { startReceiver, type Receiver } from './support/receiver.js';

const SECRET = 'whsec_aW50ZXJjZXB0b3Itc2VjcmV0LWZvci10ZXN0cw==';

function seedWith(extra: Partial<Seed>): Seed {
  return { ...buildSeed({ appOrigin: 'http://localhost:3000', webhookUrl: null }), ...extra };
}

function hook(url: string, config: Partial<InterceptorConfig> = {}): InterceptorConfig {
  return { url, secret: SECRET, timeoutMs: 400, failPolicy: 'closed', enabled: true, ...config };
}

async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/hook`;
}

function outboxSize(env: TestEmulator): number {
  const row = env.emulator.context.db.prepare('SELECT COUNT(*) AS n FROM auth_outbox').get() as {
    n: number;
  };
  return row.n;
}

describe('PRE_USER_INVITATION with fail-closed', () => {
  let env: TestEmulator;
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = await startReceiver();
    env = await startTestEmulator({
      seed: seedWith({ interceptors: { PRE_USER_INVITATION: hook(`${receiver.url}/hook`) } }),
    });
  });
  afterAll(async () => {
    await env.close();
    await receiver.close();
  });

  async function expectRefusedWithNothingCreated(email: string, message: string) {
    const outbox = outboxSize(env);
    const error = await expectSdkError(
      env.sdk.user.createUserAndMembership('org_acme', { email, sendInvitationEmail: true }),
      403,
    );
    expect(error).toBeInstanceOf(ScalekitForbiddenException);
    expect(error.message).toContain(message);
    expect(env.emulator.context.directory.findUserByEmail(email)).toBeUndefined();
    expect(outboxSize(env)).toBe(outbox);
  }

  it('sends a signed request the SDK verifies, and invites on ALLOW', async () => {
    const verified: boolean[] = [];
    receiver.answerWith((request) => {
      verified.push(env.sdk.verifyInterceptorPayload(SECRET, request.headers, request.body));
      return { status: 200, body: { decision: 'ALLOW' } };
    });
    const { user } = await env.sdk.user.createUserAndMembership('org_acme', {
      email: 'allowed@acme.test',
    });
    expect(user?.memberships[0]?.membershipStatus).toBe(MembershipStatus.PENDING_INVITE);
    expect(verified).toEqual([true]);

    const call = receiver.received.at(-1);
    expect(call?.json).toMatchObject({
      display_name: 'pre_user_invitation interceptor',
      trigger_point: 'PRE_USER_INVITATION',
      interceptor_context: {
        environment_id: 'env_local',
        user_email: 'allowed@acme.test',
        organization_id: 'org_acme',
      },
      data: { organization: { id: 'org_acme', name: 'Acme' } },
    });
    const context = call?.json.interceptor_context as { triggered_at?: string } | undefined;
    expect(Number.isNaN(Date.parse(context?.triggered_at ?? ''))).toBe(false);
    expect(call?.headers['interceptor-signature']).toMatch(/^v1,/);
    // A tampered body fails the SDK's check, so the signature covers the payload.
    expect(() =>
      env.sdk.verifyInterceptorPayload(SECRET, call?.headers ?? {}, `${call?.body ?? ''} `),
    ).toThrow();
  });

  it('refuses with the hook message on DENY, creating and sending nothing', async () => {
    receiver.answerWith(() => ({
      status: 200,
      body: { decision: 'DENY', error: { message: 'Contractors need approval first' } },
    }));
    await expectRefusedWithNothingCreated('denied@acme.test', 'Contractors need approval first');
  });

  it('uses the policy-restriction message for a DENY without one', async () => {
    receiver.answerWith(() => ({ status: 200, body: { decision: 'DENY' } }));
    await expectRefusedWithNothingCreated('silent-deny@acme.test', POLICY_RESTRICTION_MESSAGE);
  });

  it('denies when the hook is slow, fails or answers nonsense', async () => {
    receiver.answerWith(() => ({ status: 200, body: { decision: 'ALLOW' }, delayMs: 1500 }));
    await expectRefusedWithNothingCreated('slow@acme.test', POLICY_RESTRICTION_MESSAGE);
    receiver.answerWith(() => ({ status: 500, body: { decision: 'ALLOW' } }));
    await expectRefusedWithNothingCreated('broken@acme.test', POLICY_RESTRICTION_MESSAGE);
    receiver.answerWith(() => ({ status: 200, body: { decision: 'MAYBE' } }));
    await expectRefusedWithNothingCreated('unsure@acme.test', POLICY_RESTRICTION_MESSAGE);
  });

  it('refuses an invitation past the seat limit without asking the hook', async () => {
    const before = receiver.received.length;
    const { totalSize } = await env.sdk.user.listOrganizationUsers('org_globex', { pageSize: 1 });
    await env.sdk.organization.upsertUserManagementSettings('org_globex', {
      maxAllowedUsers: totalSize,
    });
    try {
      const error = await expectSdkError(
        env.sdk.user.createUserAndMembership('org_globex', { email: 'no-room@acme.test' }),
        400,
      );
      expect(error.message).toContain('organization user limit reached');
      expect(receiver.received).toHaveLength(before);
    } finally {
      await env.sdk.organization.upsertUserManagementSettings('org_globex', { maxAllowedUsers: 0 });
    }
  });

  it('asks on createMembership and resendInvite too, but not for a member added without invitation', async () => {
    receiver.answerWith(() => ({ status: 200, body: { decision: 'ALLOW' } }));
    const { user } = await env.sdk.user.createUserAndMembership('org_globex', {
      email: 'second-org@acme.test',
      sendInvitationEmail: false,
    });
    const userId = user?.id ?? '';
    const calls = () => receiver.received.filter((r) => r.body.includes('second-org@acme.test'));
    expect(calls()).toHaveLength(0);

    receiver.answerWith(() => ({
      status: 200,
      body: { decision: 'DENY', error: { message: 'No cross-org invites' } },
    }));
    const refused = await expectSdkError(
      env.sdk.user.createMembership('org_acme', userId, { sendInvitationEmail: true }),
      403,
    );
    expect(refused.message).toContain('No cross-org invites');
    const after = await env.sdk.user.getUser(userId);
    expect(after.user?.memberships.map((m) => m.organizationId)).toEqual(['org_globex']);
    expect(calls()[0]?.json).toMatchObject({
      interceptor_context: { user_id: userId, organization_id: 'org_acme' },
    });

    receiver.answerWith(() => ({ status: 200, body: { decision: 'ALLOW' } }));
    await env.sdk.user.createMembership('org_acme', userId, { sendInvitationEmail: true });
    receiver.answerWith(() => ({ status: 200, body: { decision: 'DENY' } }));
    await expectSdkError(env.sdk.user.resendInvite('org_acme', userId), 403);
    const pending = (await env.sdk.user.getUser(userId)).user?.memberships.find(
      (m) => m.organizationId === 'org_acme',
    );
    expect(pending?.membershipStatus).toBe(MembershipStatus.PENDING_INVITE);
    expect(env.emulator.context.directory.getMembership('org_acme', userId)?.resendCount).toBe(0);
    expect(calls()).toHaveLength(3);
  });
});

describe('PRE_USER_INVITATION with fail-open', () => {
  let env: TestEmulator;
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = await startReceiver();
    receiver.answerWith(() => ({ status: 200, body: { decision: 'DENY' }, delayMs: 1500 }));
    env = await startTestEmulator({
      seed: seedWith({
        interceptors: {
          PRE_USER_INVITATION: hook(`${receiver.url}/hook`, { failPolicy: 'open' }),
        },
      }),
    });
  });
  afterAll(async () => {
    await env.close();
    await receiver.close();
  });

  it('invites when the hook is too slow to answer', async () => {
    const { user } = await env.sdk.user.createUserAndMembership('org_acme', {
      email: 'open-slow@acme.test',
    });
    expect(user?.email).toBe('open-slow@acme.test');
    expect(receiver.received).toHaveLength(1);
  });
});

describe('interceptors that are down or disabled', () => {
  it('refuses under fail-closed and invites under fail-open when nothing listens', async () => {
    const down = await closedPortUrl();
    const closed = await startTestEmulator({
      seed: seedWith({ interceptors: { PRE_USER_INVITATION: hook(down) } }),
    });
    const open = await startTestEmulator({
      seed: seedWith({
        interceptors: { PRE_USER_INVITATION: hook(down, { failPolicy: 'open' }) },
      }),
    });
    try {
      await expectSdkError(
        closed.sdk.user.createUserAndMembership('org_acme', { email: 'down@acme.test' }),
        403,
      );
      const { user } = await open.sdk.user.createUserAndMembership('org_acme', {
        email: 'down@acme.test',
      });
      expect(user?.email).toBe('down@acme.test');
    } finally {
      await closed.close();
      await open.close();
    }
  });

  it('does not call a disabled hook', async () => {
    const receiver = await startReceiver();
    const env = await startTestEmulator({
      seed: seedWith({
        interceptors: { PRE_USER_INVITATION: hook(`${receiver.url}/hook`, { enabled: false }) },
      }),
    });
    try {
      await env.sdk.user.createUserAndMembership('org_acme', { email: 'unhooked@acme.test' });
      expect(receiver.received).toHaveLength(0);
    } finally {
      await env.close();
      await receiver.close();
    }
  });
});

describe('environment rules on invitation addresses', () => {
  let env: TestEmulator;
  beforeAll(async () => {
    env = await startTestEmulator({
      seed: seedWith({
        emailDomainRules: { blockPublicDomains: true, blockDisposableDomains: true },
      }),
    });
  });
  afterAll(() => env.close());

  it('refuses invitations to public and disposable addresses with nothing created', async () => {
    for (const email of ['someone@gmail.com', 'someone@mailinator.com']) {
      const error = await expectSdkError(
        env.sdk.user.createUserAndMembership('org_acme', { email }),
        400,
      );
      expect(error.message).toMatch(/public|disposable/);
      expect(env.emulator.context.directory.findUserByEmail(email)).toBeUndefined();
    }
    const { user } = await env.sdk.user.createUserAndMembership('org_acme', {
      email: 'someone@acme.test',
    });
    expect(user?.email).toBe('someone@acme.test');
  });

  it('leaves invitations alone when the rules are off', async () => {
    const open = await startTestEmulator();
    try {
      const { user } = await open.sdk.user.createUserAndMembership('org_acme', {
        email: 'someone@gmail.com',
      });
      expect(user?.email).toBe('someone@gmail.com');
    } finally {
      await open.close();
    }
  });
});
