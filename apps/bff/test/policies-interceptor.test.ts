// The Scalekit edge: the emulator calls the BFF's PRE_USER_INVITATION interceptor before it
// creates or sends any invitation, so an invite made directly through the SDK (as the Scalekit
// dashboard or another client would) obeys the organization's policy too. Calls not signed with
// the interceptor secret are refused; when the endpoint is down, the interceptor's fail rule
// (open or closed) decides, as Scalekit configures it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ScalekitClient } from '@scalekit-sdk/node';
import { buildSeed, startEmulator } from '@app/scalekit-emulator';
import { sentTo, startMailbox } from '@app/scalekit-emulator/testing';
import { routes, type ErrorBody, type InterceptorDecision } from '@app/contracts';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config/env.js';
import type { Browser } from './support/browser.js';
import { freePort } from './support/free-port.js';
import { SESSION_SECRET, startStack, type Stack } from './support/harness.js';
import {
  ACME_ADMIN,
  invite,
  invited,
  parse,
  sendJson,
  streamBulkImport,
  uniqueEmail,
} from './team-fixtures.js';
import { signedHeaders } from './webhooks-fixtures.js';

const SECRET = `whsec_${Buffer.from('interceptor-test-secret-0123456789').toString('base64')}`;
const OTHER_SECRET = `whsec_${Buffer.from('someone-else-entirely-0123456789').toString('base64')}`;
/** What Scalekit shows when an interceptor fails closed (its documented wording). */
const POLICY_RESTRICTION =
  'The request could not be completed due to a policy restriction. Please contact support for assistance.';

let stack: Stack;
let admin: Browser;

beforeAll(async () => {
  stack = await startStack({
    env: { SCALEKIT_INTERCEPTOR_SECRET: SECRET },
    interceptors: (appUrl) => ({
      PRE_USER_INVITATION: {
        url: `${appUrl}${routes.invitationInterceptor}`,
        secret: SECRET,
        timeoutMs: 5000,
        failPolicy: 'closed',
        enabled: true,
      },
    }),
  });
  admin = await stack.signIn(ACME_ADMIN);
});

afterAll(async () => {
  await stack?.stop();
});

/** Invites through the SDK straight to Scalekit, as a client other than the app would. */
function inviteDirectly(client: ScalekitClient, email: string) {
  return client.user.createUserAndMembership('org_acme', { email, sendInvitationEmail: true });
}

/** Acme's members and invitees with this address, as Scalekit knows them. */
async function usersNamed(client: ScalekitClient, email: string): Promise<string[]> {
  const found = await client.user.searchOrganizationUsers('org_acme', email);
  return found.users.map((user) => user.email);
}

async function mailSettled(): Promise<void> {
  await stack.emulator.auth.idle();
  await new Promise((resolve) => setTimeout(resolve, 300));
}

/** Signs a body the way Scalekit signs interceptor calls: the webhook scheme, `interceptor-*` headers. */
function signed(body: string, secret: string, timestamp?: number): Record<string, string> {
  const headers = signedHeaders(secret, body, timestamp === undefined ? {} : { timestamp });
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name.replace(/^webhook-/, 'interceptor-'),
      value,
    ]),
  );
}

function interceptorCall(email: string): string {
  return JSON.stringify({
    display_name: 'pre_user_invitation interceptor',
    trigger_point: 'PRE_USER_INVITATION',
    interceptor_context: {
      environment_id: 'env_local',
      user_email: email,
      organization_id: 'org_acme',
    },
    data: { organization: { id: 'org_acme', name: 'Acme' } },
  });
}

function post(headers: Record<string, string>, body: string) {
  return fetch(`${stack.bff.url}${routes.invitationInterceptor}`, {
    method: 'POST',
    headers,
    body,
  });
}

describe('an invite made directly through the SDK', () => {
  afterEach(async () => {
    await sendJson(admin, 'PUT', routes.invitationPolicy, { mode: 'anyone' });
  });

  it('is refused with the policy sentence when the address is off the allowed domains, and nothing is created or sent', async () => {
    await sendJson(admin, 'PUT', routes.invitationPolicy, { mode: 'allowed_domains' });
    const outsider = uniqueEmail('direct', 'gmail.com');

    await expect(inviteDirectly(stack.bff.app.scalekit, outsider)).rejects.toThrow(
      'gmail.com is not an allowed domain: this organization only invites addresses on its allowed domains.',
    );

    await mailSettled();
    expect(stack.mailbox.messages.filter(sentTo(outsider))).toEqual([]);
    await expect(usersNamed(stack.bff.app.scalekit, outsider)).resolves.toEqual([]);
  });

  it('goes through when the policy admits the address', async () => {
    await sendJson(admin, 'PUT', routes.invitationPolicy, { mode: 'allowed_domains' });
    const insider = uniqueEmail('direct');
    await inviteDirectly(stack.bff.app.scalekit, insider);
    await stack.mailbox.waitFor(sentTo(insider), 10_000);

    const anyone = uniqueEmail('direct', 'gmail.com');
    await sendJson(admin, 'PUT', routes.invitationPolicy, { mode: 'anyone' });
    await inviteDirectly(stack.bff.app.scalekit, anyone);
    await stack.mailbox.waitFor(sentTo(anyone), 10_000);
  });
});

describe('a resend from the Team page', () => {
  afterEach(async () => {
    await sendJson(admin, 'PUT', routes.invitationPolicy, { mode: 'anyone' });
  });

  it('obeys the policy as it is now: off the allowed domains, 422 and no second email', async () => {
    const outsider = uniqueEmail('resend', 'gmail.com');
    const member = await invited(admin, outsider);
    await stack.mailbox.waitFor(sentTo(outsider), 10_000);
    await sendJson(admin, 'PUT', routes.invitationPolicy, { mode: 'allowed_domains' });

    const answer = await admin.post(routes.resendInvite(member.userId));
    expect(answer.status).toBe(422);
    expect(parse<ErrorBody>(answer)).toEqual({
      code: 'domain_not_allowed',
      message:
        'gmail.com is not an allowed domain: this organization only invites addresses on its allowed domains.',
    });
    await mailSettled();
    expect(stack.mailbox.messages.filter(sentTo(outsider))).toHaveLength(1);
  });
});

describe('the interceptor endpoint', () => {
  it('answers a correctly signed call with ALLOW or DENY and the message, as Scalekit expects', async () => {
    await sendJson(admin, 'PUT', routes.invitationPolicy, { mode: 'allowed_domains' });
    try {
      const deny = await post(
        signed(interceptorCall('x@gmail.com'), SECRET),
        interceptorCall('x@gmail.com'),
      );
      expect(deny.status).toBe(200);
      expect((await deny.json()) as InterceptorDecision).toEqual({
        decision: 'DENY',
        error: {
          message:
            'gmail.com is not an allowed domain: this organization only invites addresses on its allowed domains.',
        },
      });
      const allowBody = interceptorCall('x@acme.test');
      const allow = await post(signed(allowBody, SECRET), allowBody);
      expect((await allow.json()) as InterceptorDecision).toEqual({ decision: 'ALLOW' });
    } finally {
      await sendJson(admin, 'PUT', routes.invitationPolicy, { mode: 'anyone' });
    }
  });

  it.each([
    ['unsigned', () => ({ 'content-type': 'application/json' })],
    ['signed with another secret', (body: string) => signed(body, OTHER_SECRET)],
    [
      'signed ten minutes ago',
      (body: string) => signed(body, SECRET, Math.floor(Date.now() / 1000) - 600),
    ],
  ])('refuses a call %s with 401 invalid_interceptor_signature', async (_name, headersFor) => {
    const body = interceptorCall('x@gmail.com');
    const response = await post(headersFor(body), body);
    expect(response.status).toBe(401);
    expect((await response.json()) as ErrorBody).toMatchObject({
      code: 'invalid_interceptor_signature',
      message: expect.any(String) as unknown,
    });
  });

  it('refuses a signed call that tampers with the body after signing', async () => {
    const headers = signed(interceptorCall('x@acme.test'), SECRET);
    const response = await post(headers, interceptorCall('x@gmail.com'));
    expect(response.status).toBe(401);
  });

  it('refuses a correctly signed call for another trigger with 400', async () => {
    const body = JSON.stringify({
      trigger_point: 'PRE_SIGNUP',
      interceptor_context: { user_email: 'x@acme.test' },
    });
    const response = await post(signed(body, SECRET), body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).code).toBe('bad_request');
  });

  it('answers 404 not_found when no interceptor secret is configured', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      SCALEKIT_ENVIRONMENT_URL: stack.emulator.url,
      SESSION_SECRET,
      WEB_MODE: 'none',
      LOG_LEVEL: 'silent',
    });
    const app = await buildApp({
      ...config,
      scalekit: { ...config.scalekit, interceptorSecret: undefined },
    });
    try {
      const body = interceptorCall('x@gmail.com');
      const response = await app.inject({
        method: 'POST',
        url: routes.invitationInterceptor,
        headers: signed(body, SECRET),
        payload: body,
      });
      expect(response.statusCode).toBe(404);
      expect(response.json<ErrorBody>()).toMatchObject({ code: 'not_found' });
    } finally {
      await app.close();
    }
  });
});

describe('the app, when Scalekit refuses an invitation its own rules let through', () => {
  let closed: Stack;
  let closedAdmin: Browser;

  beforeAll(async () => {
    const downPort = await freePort(); // nothing listens there
    closed = await startStack({
      interceptors: () => ({
        PRE_USER_INVITATION: {
          url: `http://127.0.0.1:${downPort}${routes.invitationInterceptor}`,
          secret: SECRET,
          timeoutMs: 2000,
          failPolicy: 'closed',
          enabled: true,
        },
      }),
    });
    closedAdmin = await closed.signIn(ACME_ADMIN);
  });

  afterAll(async () => {
    await closed?.stop();
  });

  it('answers an invite 422 invitation_refused with Scalekit’s sentence, creating nothing', async () => {
    const email = uniqueEmail('refused');
    const answer = await invite(closedAdmin, email);
    expect(answer.status).toBe(422);
    expect(parse<ErrorBody>(answer)).toEqual({
      code: 'invitation_refused',
      message: POLICY_RESTRICTION,
    });
    await expect(usersNamed(closed.bff.app.scalekit, email)).resolves.toEqual([]);
  });

  it('reports a CSV row it refuses with Scalekit’s sentence, not as an internal error', async () => {
    const email = uniqueEmail('refused-row');
    const events = await streamBulkImport(
      closed.bff.url,
      closedAdmin,
      `email\n${email}\n`,
      () => undefined,
    );
    const row = events.find((event) => event.type === 'row');
    expect(row).toMatchObject({
      outcome: 'rejected',
      reason: `Scalekit refused this row: ${POLICY_RESTRICTION}`,
    });
  });
});

describe('when the interceptor endpoint is down', () => {
  it.each([
    ['closed', 'refuses the invitation with Scalekit’s policy message'],
    ['open', 'lets the invitation through'],
  ] as const)('a fail-%s interceptor %s', async (failPolicy, _outcome) => {
    const mailbox = await startMailbox();
    const downPort = await freePort(); // nothing listens there
    const seed = {
      ...buildSeed({ appOrigin: 'http://localhost:3000', webhookUrl: null }),
      interceptors: {
        PRE_USER_INVITATION: {
          url: `http://127.0.0.1:${downPort}${routes.invitationInterceptor}`,
          secret: SECRET,
          timeoutMs: 2000,
          failPolicy,
          enabled: true,
        },
      },
    };
    const emulator = await startEmulator({
      seed,
      smtpUrl: mailbox.smtpUrl,
      inMemory: true,
      port: 0,
    });
    try {
      const client = new ScalekitClient(emulator.url, emulator.clientId, emulator.clientSecret);
      const email = uniqueEmail('while-down', 'gmail.com');
      const invited = inviteDirectly(client, email);
      if (failPolicy === 'closed') {
        await expect(invited).rejects.toThrow(POLICY_RESTRICTION);
        await expect(usersNamed(client, email)).resolves.toEqual([]);
      } else {
        await expect(invited).resolves.toMatchObject({ user: { email } });
      }
    } finally {
      await emulator.close();
      await mailbox.close();
    }
  });
});
