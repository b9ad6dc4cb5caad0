import { createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import type { ScalekitClient } from '@scalekit-sdk/node';
import { TimeUnit } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/commons/commons_pb.js';
import {
  OrganizationService,
  SessionPolicyType,
} from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/organizations/organizations_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from '../src/testing/index.js';
import {
  ACME,
  ADMIN_EMAIL,
  GLOBEX,
  REDIRECT_URI,
  postToken,
  signInWithSdk,
  startAuthEmulator,
  type AuthTestEmulator,
} from './support/auth-fixtures.js';
import { expectSdkError, tempDataDirs } from './support/emulator.js';

const MINUTE_MS = 60_000;

/** The SDK's CUSTOM session policy input, without its source. */
type CustomPolicy = Omit<
  Extract<
    Parameters<ScalekitClient['organization']['updateOrganizationSessionPolicy']>[1],
    { policySource: 'CUSTOM' }
  >,
  'policySource'
>;

describe('organization settings and session policies through the SDK', () => {
  let t: AuthTestEmulator;
  beforeAll(async () => {
    t = await startAuthEmulator();
  });
  afterAll(() => t.close());

  async function newOrganization(name: string): Promise<string> {
    return (await t.sdk.organization.createOrganization(name)).organization?.id ?? '';
  }

  it('turns features on and off by name, echoing either spelling of directory sync', async () => {
    const id = await newOrganization('Featured');
    const first = await t.sdk.organization.updateOrganizationSettings(id, {
      features: [
        { name: 'sso', enabled: true },
        { name: 'dir_sync', enabled: true },
      ],
    });
    expect(first.organization?.settings?.features).toEqual([
      expect.objectContaining({ name: 'sso', enabled: true }),
      expect.objectContaining({ name: 'dir_sync', enabled: true }),
    ]);
    const merged = await t.sdk.organization.updateOrganizationSettings(id, {
      features: [{ name: 'directory_sync', enabled: false }],
    });
    expect(
      merged.organization?.settings?.features.map(({ name, enabled }) => ({ name, enabled })),
    ).toEqual([
      { name: 'sso', enabled: true },
      { name: 'directory_sync', enabled: false },
    ]);
    const read = await t.sdk.organization.getOrganization(id);
    expect(read.organization?.settings?.features).toHaveLength(2);
  });

  it('refuses an unknown feature by name and changes nothing', async () => {
    const id = await newOrganization('Unfeatured');
    const error = await expectSdkError(
      t.sdk.organization.updateOrganizationSettings(id, {
        features: [
          { name: 'sso', enabled: true },
          { name: 'payments', enabled: true },
        ],
      }),
      400,
    );
    expect(error.message).toContain('payments');
    const read = await t.sdk.organization.getOrganization(id);
    expect(read.organization?.settings?.features ?? []).toEqual([]);
    await expectSdkError(
      t.sdk.organization.updateOrganizationSettings('org_000000000000000000', { features: [] }),
      404,
    );
  });

  it('starts on the application policy and refuses a custom one until the feature is on', async () => {
    const id = await newOrganization('Policy Off');
    const policy = await t.sdk.organization.getOrganizationSessionPolicy(id);
    expect(policy.policySource).toBe(SessionPolicyType.APPLICATION);
    expect(policy.absoluteSessionTimeout).toBeUndefined();
    const error = await expectSdkError(
      t.sdk.organization.updateOrganizationSessionPolicy(id, {
        policySource: 'CUSTOM',
        absoluteSessionTimeout: 8,
        absoluteSessionTimeoutUnit: 'HOURS',
      }),
      400,
    );
    expect(error.message).toContain('session_policy');
    const after = await t.sdk.organization.getOrganizationSessionPolicy(id);
    expect(after.policySource).toBe(SessionPolicyType.APPLICATION);
  });

  it('stores a custom policy in minutes whatever unit it came in, and goes back to the application one', async () => {
    const id = await newOrganization('Policy On');
    await t.sdk.organization.updateOrganizationSettings(id, {
      features: [{ name: 'session_policy', enabled: true }],
    });
    const custom = await t.sdk.organization.updateOrganizationSessionPolicy(id, {
      policySource: 'CUSTOM',
      absoluteSessionTimeout: 2,
      absoluteSessionTimeoutUnit: 'DAYS',
      idleSessionTimeoutEnabled: true,
      idleSessionTimeout: 3,
      idleSessionTimeoutUnit: 'HOURS',
    });
    expect(custom).toMatchObject({
      policySource: SessionPolicyType.CUSTOM,
      absoluteSessionTimeout: 2880,
      absoluteSessionTimeoutUnit: TimeUnit.MINUTES,
      idleSessionTimeoutEnabled: true,
      idleSessionTimeout: 180,
      idleSessionTimeoutUnit: TimeUnit.MINUTES,
    });
    expect(await t.sdk.organization.getOrganizationSessionPolicy(id)).toMatchObject({
      absoluteSessionTimeout: 2880,
      idleSessionTimeout: 180,
    });
    const back = await t.sdk.organization.updateOrganizationSessionPolicy(id, {
      policySource: 'APPLICATION',
    });
    expect(back.policySource).toBe(SessionPolicyType.APPLICATION);
    expect(back.absoluteSessionTimeout).toBeUndefined();
  });

  it('refuses a custom policy that breaks the chain absolute > idle > access token', async () => {
    const id = await newOrganization('Policy Chain');
    await t.sdk.organization.updateOrganizationSettings(id, {
      features: [{ name: 'session_policy', enabled: true }],
    });
    const idleLonger = await expectSdkError(
      t.sdk.organization.updateOrganizationSessionPolicy(id, {
        policySource: 'CUSTOM',
        absoluteSessionTimeout: 30,
        absoluteSessionTimeoutUnit: 'MINUTES',
        idleSessionTimeoutEnabled: true,
        idleSessionTimeout: 1,
        idleSessionTimeoutUnit: 'HOURS',
      }),
      400,
    );
    expect(idleLonger.message).toContain('idle');
    await expectSdkError(
      t.sdk.organization.updateOrganizationSessionPolicy(id, {
        policySource: 'CUSTOM',
        absoluteSessionTimeout: 60,
        absoluteSessionTimeoutUnit: 'MINUTES',
        idleSessionTimeoutEnabled: true,
        idleSessionTimeout: 5, // the access token lives 5 minutes
        idleSessionTimeoutUnit: 'MINUTES',
      }),
      400,
    );
    const policy = await t.sdk.organization.getOrganizationSessionPolicy(id);
    expect(policy.policySource).toBe(SessionPolicyType.APPLICATION);
  });

  it('reports the environment policy the emulator applies', async () => {
    const token = await postToken(t.emulator.url, {
      grant_type: 'client_credentials',
      client_id: t.emulator.clientId,
      client_secret: t.emulator.clientSecret,
    });
    const client = createClient(
      OrganizationService,
      createGrpcTransport({
        baseUrl: t.emulator.url,
        interceptors: [
          (next) => (req) => {
            req.header.set('authorization', `Bearer ${String(token.body.access_token)}`);
            return next(req);
          },
        ],
      }),
    );
    const { applicationPolicy } = await client.getApplicationSessionPolicy({});
    expect(applicationPolicy).toMatchObject({
      absoluteSessionTimeout: 1440, // the emulator's one-day session
      idleSessionTimeoutEnabled: false,
      accessTokenExpiry: 5,
    });
  });

  it('ends refresh tokens at the organization idle timeout and absolute session end', async () => {
    await t.sdk.organization.updateOrganizationSettings(ACME, {
      features: [{ name: 'session_policy', enabled: true }],
    });
    await t.sdk.organization.updateOrganizationSessionPolicy(ACME, {
      policySource: 'CUSTOM',
      absoluteSessionTimeout: 1,
      absoluteSessionTimeoutUnit: 'HOURS',
      idleSessionTimeoutEnabled: true,
      idleSessionTimeout: 20,
      idleSessionTimeoutUnit: 'MINUTES',
    });
    try {
      // Idle: a refresh within 20 minutes works, one after 20 idle minutes does not.
      const idle = await signInWithSdk(t, ADMIN_EMAIL, { organizationId: ACME });
      t.clock.advance(15 * MINUTE_MS);
      const kept = await t.sdk.refreshAccessToken(idle.refreshToken);
      t.clock.advance(21 * MINUTE_MS);
      await expect(t.sdk.refreshAccessToken(kept.refreshToken)).rejects.toThrow();

      // Absolute: refreshing every 15 minutes keeps the session alive for one hour only.
      const busy = await signInWithSdk(t, ADMIN_EMAIL, { organizationId: ACME });
      let refreshToken = busy.refreshToken;
      for (let i = 0; i < 3; i++) {
        t.clock.advance(15 * MINUTE_MS);
        refreshToken = (await t.sdk.refreshAccessToken(refreshToken)).refreshToken;
      }
      t.clock.advance(16 * MINUTE_MS);
      await expect(t.sdk.refreshAccessToken(refreshToken)).rejects.toThrow();
    } finally {
      await t.sdk.organization.updateOrganizationSessionPolicy(ACME, {
        policySource: 'APPLICATION',
      });
    }
    // Under the application policy the same idle time is fine.
    const relaxed = await signInWithSdk(t, ADMIN_EMAIL, { organizationId: ACME });
    t.clock.advance(90 * MINUTE_MS);
    await expect(t.sdk.refreshAccessToken(relaxed.refreshToken)).resolves.toBeTruthy();
  });
  /** A silent authorize (prompt=none) into Globex with the browser's cookies: the answer's query. */
  async function promptNone(jar: CookieJar): Promise<URLSearchParams> {
    const url = t.sdk.getAuthorizationUrl(REDIRECT_URI, {
      scopes: ['openid'],
      state: 'quiet',
      prompt: 'none',
      organizationId: GLOBEX,
    });
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: jar.header() ?? '' },
    });
    return new URL(response.headers.get('location') ?? '').searchParams;
  }

  /** Runs `work` with a browser signed in to Globex under a custom session policy. */
  async function underGlobexPolicy(
    policy: CustomPolicy,
    work: (jar: CookieJar) => Promise<void>,
  ): Promise<void> {
    await t.sdk.organization.updateOrganizationSettings(GLOBEX, {
      features: [{ name: 'session_policy', enabled: true }],
    });
    await t.sdk.organization.updateOrganizationSessionPolicy(GLOBEX, {
      policySource: 'CUSTOM',
      ...policy,
    });
    try {
      const jar = new CookieJar();
      await signInWithSdk(t, 'admin+sktest@globex.test', {
        organizationId: GLOBEX,
        cookieJar: jar,
      });
      await work(jar);
    } finally {
      await t.sdk.organization.updateOrganizationSessionPolicy(GLOBEX, {
        policySource: 'APPLICATION',
      });
    }
  }

  it('ends the hosted sign-in session at the organization absolute timeout', async () => {
    await underGlobexPolicy(
      { absoluteSessionTimeout: 1, absoluteSessionTimeoutUnit: 'HOURS' },
      async (jar) => {
        t.clock.advance(50 * MINUTE_MS);
        expect((await promptNone(jar)).get('code')).toBeTruthy();
        t.clock.advance(11 * MINUTE_MS);
        expect((await promptNone(jar)).get('error')).toBe('login_required');
      },
    );
  });

  it('ends the hosted sign-in session after the organization idle timeout, and activity keeps it alive', async () => {
    await underGlobexPolicy(
      {
        absoluteSessionTimeout: 8,
        absoluteSessionTimeoutUnit: 'HOURS',
        idleSessionTimeoutEnabled: true,
        idleSessionTimeout: 30,
        idleSessionTimeoutUnit: 'MINUTES',
      },
      async (jar) => {
        // Each silent sign-in is activity: 25 idle minutes at a time, three times over.
        for (let i = 0; i < 3; i++) {
          t.clock.advance(25 * MINUTE_MS);
          expect((await promptNone(jar)).get('code')).toBeTruthy();
        }
        t.clock.advance(31 * MINUTE_MS);
        expect((await promptNone(jar)).get('error')).toBe('login_required');
      },
    );
  });
});

describe('organization settings after a restart', () => {
  const dirs = tempDataDirs();
  afterAll(() => dirs.removeAll());

  it('keeps the features and the custom session policy', async () => {
    const dir = dirs.next();
    const first = await startAuthEmulator({ dataDir: dir });
    await first.sdk.organization.updateOrganizationSettings('org_globex', {
      features: [{ name: 'session_policy', enabled: true }],
    });
    await first.sdk.organization.updateOrganizationSessionPolicy('org_globex', {
      policySource: 'CUSTOM',
      absoluteSessionTimeout: 12,
      absoluteSessionTimeoutUnit: 'HOURS',
    });
    await first.close();

    const second = await startAuthEmulator({ dataDir: dir });
    try {
      const { organization } = await second.sdk.organization.getOrganization('org_globex');
      expect(organization?.settings?.features.map((f) => f.name)).toEqual(['session_policy']);
      const policy = await second.sdk.organization.getOrganizationSessionPolicy('org_globex');
      expect(policy).toMatchObject({
        policySource: SessionPolicyType.CUSTOM,
        absoluteSessionTimeout: 720,
      });
    } finally {
      await second.close();
    }
  });
});
