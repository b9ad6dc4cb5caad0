// Configuration is validated once at start-up and every bad key is listed.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { ConfigError, DEFAULT_DATA_DIR, DEV_DEFAULTS, loadConfig } from '../src/config/env.js';

const valid = {
  NODE_ENV: 'production',
  SCALEKIT_ENVIRONMENT_URL: 'https://acme.scalekit.dev/',
  SCALEKIT_CLIENT_ID: 'skc_1',
  SCALEKIT_CLIENT_SECRET: 'secret',
  APP_PUBLIC_URL: 'https://app.acme.test',
  SESSION_SECRET: 'x'.repeat(32),
  TRUST_PROXY: 'true',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('lists every bad key at once', () => {
    const problems = problemsOf({
      NODE_ENV: 'production',
      SCALEKIT_ENVIRONMENT_URL: 'not a url',
      SESSION_SECRET: 'short',
      REDIS_URL: 'http://redis',
      SCALEKIT_WEBHOOK_SECRET: 'nope',
      PORT: '99999',
    });
    const keys = problems.map((line) => line.split(':')[0]);
    expect(keys).toEqual(
      expect.arrayContaining([
        'SCALEKIT_ENVIRONMENT_URL',
        'SCALEKIT_CLIENT_ID',
        'SCALEKIT_CLIENT_SECRET',
        'SESSION_SECRET',
        'REDIS_URL',
        'SCALEKIT_WEBHOOK_SECRET',
        'PORT',
      ]),
    );
  });

  it('derives the redirect and post-logout URIs, and Secure __Host- cookies over https', () => {
    const config = loadConfig(valid);
    expect(config.scalekit.environmentUrl).toBe('https://acme.scalekit.dev');
    expect(config.redirectUri).toBe('https://app.acme.test/api/callback');
    expect(config.postLogoutRedirectUri).toBe('https://app.acme.test/sign-in');
    expect(config.session).toMatchObject({ cookieName: '__Host-sid', secureCookie: true });
    expect(config.session.idleTimeoutSeconds).toBe(1800);
    expect(config.session.absoluteTimeoutSeconds).toBe(8 * 3600);
  });

  it('applies the local emulator defaults only outside production', () => {
    const config = loadConfig({});
    expect(config.scalekit).toMatchObject({
      environmentUrl: DEV_DEFAULTS.SCALEKIT_ENVIRONMENT_URL,
      clientId: DEV_DEFAULTS.SCALEKIT_CLIENT_ID,
    });
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.session.cookieName).toBe('sid');
    expect(problemsOf({ NODE_ENV: 'production' }).length).toBeGreaterThanOrEqual(4);
  });

  it('refuses plain http for a non-local public URL in production', () => {
    expect(problemsOf({ ...valid, APP_PUBLIC_URL: 'http://app.acme.test' })).toEqual([
      'APP_PUBLIC_URL: must be https in production',
    ]);
  });

  it('refuses an https public URL unless the proxy in front is trusted to say the request was https', () => {
    expect(problemsOf({ ...valid, TRUST_PROXY: 'false' })).toEqual([
      'TRUST_PROXY: must be true when APP_PUBLIC_URL is https (the TLS proxy sets X-Forwarded-Proto)',
    ]);
  });

  it('keeps the app data in an SQLite file under the data dir unless DATABASE_URL names PostgreSQL', () => {
    expect(loadConfig(valid).database).toEqual({
      engine: 'sqlite',
      file: path.join(DEFAULT_DATA_DIR, 'teamspace.sqlite'),
    });
    expect(
      loadConfig({ ...valid, DATABASE_URL: 'postgres://app@db.internal:5432/teamspace' }),
    ).toMatchObject({
      database: { engine: 'postgres', url: 'postgres://app@db.internal:5432/teamspace' },
    });
    expect(loadConfig({ NODE_ENV: 'test' }).database).toEqual({
      engine: 'sqlite',
      file: ':memory:',
    });
  });

  it('lists a DATABASE_URL that is not PostgreSQL with the other bad keys', () => {
    const keys = problemsOf({ ...valid, DATABASE_URL: 'mysql://db/app', PORT: 'x' }).map(
      (line) => line.split(':')[0],
    );
    expect(keys).toEqual(expect.arrayContaining(['DATABASE_URL', 'PORT']));
  });

  it('prints the problems, one per line, in the error message', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/Invalid configuration:\n {2}- /);
  });
});
