// Fixtures for the auth-surface tests: an in-memory emulator on a free port with a movable
// clock, the SDK pointed at it, PKCE values, and small HTTP helpers.
import { createHash, randomBytes } from 'node:crypto';
import { ScalekitClient } from '@scalekit-sdk/node';
import {
  buildSeed,
  startEmulator,
  type EmulatorSettings,
  type RunningEmulator,
  type Seed,
} from '../../src/index.js';
import { CookieJar, signInThroughHostedPage } from '../../src/testing/index.js';
import { TestClock } from './emulator.js';

export const APP_ORIGIN = 'http://localhost:3000';
export const REDIRECT_URI = `${APP_ORIGIN}/api/callback`;
export const INITIATE_LOGIN_URL = `${APP_ORIGIN}/auth/login/initiate`;
export const POST_LOGOUT_URI = `${APP_ORIGIN}/sign-in`;
export const ADMIN_EMAIL = 'admin+sktest@acme.test';
export const ADMIN_ID = 'usr_acmeadmin0000001';
export const MEMBER_ID = 'usr_acmemember000001';
export const ACME = 'org_acme';
export const GLOBEX = 'org_globex';

export interface AuthTestEmulator {
  emulator: RunningEmulator;
  sdk: ScalekitClient;
  clock: TestClock;
  close(): Promise<void>;
}

export async function startAuthEmulator(
  options: {
    smtpUrl?: string | null;
    webhookUrl?: string | null;
    settings?: Partial<EmulatorSettings>;
    seed?: Seed;
    dataDir?: string;
  } = {},
): Promise<AuthTestEmulator> {
  const clock = new TestClock();
  const emulator = await startEmulator({
    seed:
      options.seed ?? buildSeed({ appOrigin: APP_ORIGIN, webhookUrl: options.webhookUrl ?? null }),
    ...(options.dataDir ? { dataDir: options.dataDir } : { inMemory: true }),
    port: 0,
    smtpUrl: options.smtpUrl ?? null,
    settings: { deliveryRetryBaseMs: 50, ...options.settings },
    now: clock.now,
  });
  return {
    emulator,
    sdk: new ScalekitClient(emulator.url, emulator.clientId, emulator.clientSecret),
    clock,
    close: () => emulator.close(),
  };
}

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Authorize (PKCE, offline_access) + hosted page + code exchange through the SDK. */
export async function signInWithSdk(
  t: AuthTestEmulator,
  email: string,
  extra: { organizationId?: string; cookieJar?: CookieJar; nonce?: string; scopes?: string[] } = {},
) {
  const { verifier, challenge } = pkce();
  const state = randomBytes(8).toString('hex');
  const authorizeUrl = t.sdk.getAuthorizationUrl(REDIRECT_URI, {
    scopes: extra.scopes ?? ['openid', 'profile', 'email', 'offline_access'],
    state,
    nonce: extra.nonce ?? 'nonce-' + state,
    codeChallenge: challenge,
    codeChallengeMethod: 'S256',
    ...(extra.organizationId ? { organizationId: extra.organizationId } : {}),
  });
  const page = await signInThroughHostedPage({
    authorizeUrl,
    email,
    cookieJar: extra.cookieJar ?? new CookieJar(),
    ...(extra.organizationId ? { organizationId: extra.organizationId } : {}),
  });
  if (!page.code) throw new Error(`no code: ${page.redirectUrl}`);
  const result = await t.sdk.authenticateWithCode(page.code, REDIRECT_URI, {
    codeVerifier: verifier,
  });
  return { ...result, state, page, verifier, code: page.code };
}

/** A raw token endpoint call (form-encoded), returning status and JSON body. */
export async function postToken(
  url: string,
  params: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export function decodeJwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

export function countRows(t: AuthTestEmulator, sql: string, ...params: unknown[]): number {
  const row = t.emulator.context.db.prepare(sql).get(...params) as { n: number };
  return row.n;
}
