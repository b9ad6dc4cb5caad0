// The signing key outlives restarts (the SDK fetches the JWKS once and never again), and the
// management token check accepts only client_credentials tokens minted here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScalekitClient } from '@scalekit-sdk/node';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ADMIN_EMAIL,
  postToken,
  signInWithSdk,
  startAuthEmulator,
} from './support/auth-fixtures.js';

const dataDir = mkdtempSync(join(tmpdir(), 'emulator-keys-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function jwks(url: string): Promise<{ keys: { kid: string; alg: string; kty: string }[] }> {
  return (await (await fetch(`${url}/keys`)).json()) as {
    keys: { kid: string; alg: string; kty: string }[];
  };
}

describe('signing key', () => {
  it('keeps its kid across restarts, so tokens from before still validate', async () => {
    const first = await startAuthEmulator({ dataDir });
    const { keys: before } = await jwks(first.emulator.url);
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ alg: 'RS256', kty: 'RSA' });
    const { accessToken } = await signInWithSdk(first, ADMIN_EMAIL);
    await first.close();

    const second = await startAuthEmulator({ dataDir });
    try {
      const { keys: after } = await jwks(second.emulator.url);
      expect(after[0]?.kid).toBe(before[0]?.kid);
      // A fresh SDK client validates the old token's signature against the served keys.
      const sdk = new ScalekitClient(
        second.emulator.url,
        second.emulator.clientId,
        second.emulator.clientSecret,
      );
      const claims = await sdk.validateToken<{ sub: string }>(accessToken);
      expect(claims.sub).toMatch(/^usr_/);
    } finally {
      await second.close();
    }
  });

  it('accepts client_credentials tokens as management tokens and refuses user tokens', async () => {
    const t = await startAuthEmulator();
    try {
      const { body } = await postToken(t.emulator.url, {
        grant_type: 'client_credentials',
        client_id: t.emulator.clientId,
        client_secret: t.emulator.clientSecret,
      });
      const management = String(body.access_token);
      await expect(t.emulator.auth.verifyManagementToken(`Bearer ${management}`)).resolves.toBe(
        true,
      );
      const { accessToken } = await signInWithSdk(t, ADMIN_EMAIL);
      await expect(t.emulator.auth.verifyManagementToken(`Bearer ${accessToken}`)).resolves.toBe(
        false,
      );
      await expect(t.emulator.auth.verifyManagementToken(undefined)).resolves.toBe(false);
      await expect(t.emulator.auth.verifyManagementToken(`Bearer ${management}x`)).resolves.toBe(
        false,
      );
      t.clock.advance((t.emulator.context.settings.accessTokenTtlSeconds + 1) * 1000);
      await expect(t.emulator.auth.verifyManagementToken(`Bearer ${management}`)).resolves.toBe(
        false,
      );
    } finally {
      await t.close();
    }
  });
});
