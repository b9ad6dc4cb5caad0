// The SPA is served on the BFF's origin: built files as they are, client-side routes get
// index.html, and BFF paths stay JSON.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config/env.js';

let app: FastifyInstance;
let dist: string;

beforeAll(async () => {
  dist = mkdtempSync(path.join(tmpdir(), 'web-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(
    path.join(dist, 'index.html'),
    '<!doctype html><div id="root"></div><script type="module" src="/assets/app.js"></script>',
  );
  writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log("app");');
  app = await buildApp(
    loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', WEB_MODE: 'static', WEB_DIST_DIR: dist }),
  );
});
afterAll(async () => {
  await app.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('serving the built SPA', () => {
  it('serves built files as they are', async () => {
    const answer = await app.inject('/assets/app.js');
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toMatch(/javascript/);
  });

  it('answers client-side routes with index.html under the security headers', async () => {
    for (const url of [
      '/',
      '/dashboard/profile',
      '/team?tab=pending',
      '/sign-in?error=not_invited',
    ]) {
      const answer = await app.inject(url);
      expect(answer.statusCode, url).toBe(200);
      expect(answer.body).toContain('<div id="root">');
      expect(answer.headers['content-security-policy']).toContain("script-src 'self'");
    }
  });

  it('keeps unknown BFF paths as JSON 404s', async () => {
    for (const url of ['/api/nope', '/auth/nope']) {
      const answer = await app.inject(url);
      expect(answer.statusCode, url).toBe(404);
      expect(answer.json()).toEqual({ code: 'not_found', message: 'Not found.' });
    }
  });

  it('publishes the OpenAPI document generated from the contracts', async () => {
    const answer = await app.inject('/api/openapi.json');
    expect(answer.statusCode).toBe(200);
    const doc = answer.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/session',
        '/auth/login',
        '/api/callback',
        '/auth/logout',
        '/api/audit',
        '/api/audit/export.csv',
        '/api/team/access-review.csv',
      ]),
    );
  });
});
