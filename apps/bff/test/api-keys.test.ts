// Organization API keys on both database engines: an admin creates one, another system calls the
// team routes with it as a Bearer (scoped, rate limited per key, recorded as the key in the audit
// log), it expires or is revoked, and an Idempotency-Key makes invite retries answer once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitationTo } from '@app/scalekit-emulator/testing';
import {
  API_KEY_PATTERN,
  BULK_INVITE_CONTENT_TYPE,
  routes,
  type ErrorBody,
  type ListAuditResponse,
  type ListMembersResponse,
  type MemberResponse,
} from '@app/contracts';
import { callWithKey, createKey, listKeys } from './api-key-fixtures.js';
import type { Browser } from './support/browser.js';
import { startStack, type Stack } from './support/harness.js';
import {
  ACME_ADMIN,
  ACME_MEMBER,
  memberByEmail,
  ndjson,
  parse,
  sendJson,
  uniqueEmail,
} from './team-fixtures.js';

const KEY_LIMIT_PER_MINUTE = 25;

async function auditEntries(admin: Browser, kind: string): Promise<ListAuditResponse['entries']> {
  return parse<ListAuditResponse>(await admin.get(`${routes.audit}?kind=${kind}`)).entries;
}

describe.each(['sqlite', 'postgres'] as const)('organization API keys on %s', (database) => {
  let stack: Stack;
  let admin: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    stack = await startStack({
      database,
      env: { RATE_LIMIT_API_KEY_PER_MINUTE: String(KEY_LIMIT_PER_MINUTE) },
    });
    admin = await stack.signIn(ACME_ADMIN);
    baseUrl = stack.bff.url;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('lives from creation through use, a refused scope and revocation, each step on the record', async () => {
    const { apiKey, secret } = await createKey(admin, ['members:read', 'members:invite'], {
      name: 'HR import',
    });
    expect(secret).toMatch(API_KEY_PATTERN);
    expect(apiKey).toMatchObject({ name: 'HR import', status: 'active', lastUsedAt: null });
    expect(secret.startsWith(apiKey.hint)).toBe(true);
    const listed = await admin.get(routes.apiKeys);
    expect(listed.body).not.toContain(secret.slice(apiKey.hint.length));

    const members = await callWithKey(baseUrl, secret, 'GET', routes.members);
    expect(members.status).toBe(200);
    expect((members.body as ListMembersResponse).members.length).toBeGreaterThan(0);
    // A key request starts no browser session.
    expect(members.headers.get('set-cookie')).toBeNull();

    const email = uniqueEmail('crm');
    const invited = await callWithKey(baseUrl, secret, 'POST', routes.invitations, {
      body: { email, role: 'member' },
    });
    expect(invited.status).toBe(201);
    const member = (invited.body as MemberResponse).member;
    expect(member).toMatchObject({ email, status: 'pending', invitedBy: 'HR import (API key)' });
    await stack.mailbox.waitFor(invitationTo(email), 10_000);

    const promote = await callWithKey(baseUrl, secret, 'PATCH', routes.member(member.userId), {
      body: { role: 'admin' },
    });
    expect(promote.status).toBe(403);
    expect((promote.body as ErrorBody).code).toBe('insufficient_scope');
    expect(promote.headers.get('www-authenticate')).toContain('scope="members:write"');
    expect(await memberByEmail(admin, email)).toMatchObject({ roles: ['member'] });

    const [used] = (await listKeys(admin)).filter((key) => key.id === apiKey.id);
    expect(used?.lastUsedAt).not.toBeNull();

    const invites = await auditEntries(admin, 'member.invited');
    expect(invites.find((entry) => entry.member.email === email)).toMatchObject({
      source: 'api',
      actor: { type: 'api_key', id: apiKey.id, name: 'HR import' },
    });

    const revoked = await admin.post(routes.revokeApiKey(apiKey.id));
    expect(revoked.status).toBe(200);
    expect(parse<{ apiKey: { status: string } }>(revoked).apiKey.status).toBe('revoked');
    const afterRevoke = await callWithKey(baseUrl, secret, 'GET', routes.members);
    expect(afterRevoke.status).toBe(401);
    expect((afterRevoke.body as ErrorBody).code).toBe('invalid_api_key');
    expect(stack.allLogs()).not.toContain(secret.slice(apiKey.hint.length));

    const created = await auditEntries(admin, 'api_key.created');
    const revokedEntries = await auditEntries(admin, 'api_key.revoked');
    for (const entries of [created, revokedEntries]) {
      expect(entries.filter((entry) => entry.apiKey?.id === apiKey.id)).toEqual([
        expect.objectContaining({
          source: 'ui',
          actor: expect.objectContaining({ type: 'user', email: ACME_ADMIN }) as unknown,
          apiKey: { id: apiKey.id, name: 'HR import', scopes: ['members:read', 'members:invite'] },
        }),
      ]);
    }
  });

  it('lets a key with members:write change a role and remove a member, recorded as the key', async () => {
    const { apiKey, secret } = await createKey(admin, ['members:invite', 'members:write'], {
      name: 'Directory',
    });
    const email = uniqueEmail('dir');
    const invited = await callWithKey(baseUrl, secret, 'POST', routes.invitations, {
      body: { email, role: 'member' },
    });
    const { userId } = (invited.body as MemberResponse).member;

    const changed = await callWithKey(baseUrl, secret, 'PATCH', routes.member(userId), {
      body: { role: 'admin' },
    });
    expect(changed.status).toBe(200);
    expect((changed.body as MemberResponse).member.roles).toEqual(['admin']);
    const removed = await callWithKey(baseUrl, secret, 'DELETE', routes.member(userId));
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ userId, outcome: 'revoked' });

    const read = await callWithKey(baseUrl, secret, 'GET', routes.members);
    expect(read.status).toBe(403);
    const changes = await auditEntries(admin, 'member.role_changed');
    expect(changes.find((entry) => entry.member.userId === userId)).toMatchObject({
      source: 'api',
      actor: { type: 'api_key', id: apiKey.id },
    });
  });

  it('imports a CSV with a members:invite key, each invited row recorded as from the API', async () => {
    const { apiKey, secret } = await createKey(admin, ['members:invite']);
    const emails = [uniqueEmail('bulk'), uniqueEmail('bulk')];
    const response = await fetch(new URL(routes.bulkInvitations, baseUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': BULK_INVITE_CONTENT_TYPE },
      body: `email,role\n${emails.join(',member\n')},member\n`,
    });
    expect(response.status).toBe(200);
    const events = ndjson(await response.text());
    expect(events.filter((event) => event.type === 'row').map((row) => row.outcome)).toEqual([
      'invited',
      'invited',
    ]);
    const invites = await auditEntries(admin, 'member.invited');
    for (const email of emails) {
      expect(invites.find((entry) => entry.member.email === email)).toMatchObject({
        source: 'api',
        actor: { type: 'api_key', id: apiKey.id },
      });
    }
  });

  it('stops a key at its expiry', async () => {
    const { secret } = await createKey(admin, ['members:read'], {
      expiresAt: new Date(Date.now() + 1500).toISOString(),
    });
    expect((await callWithKey(baseUrl, secret, 'GET', routes.members)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1600));

    const expired = await callWithKey(baseUrl, secret, 'GET', routes.members);
    expect(expired.status).toBe(401);
    expect((expired.body as ErrorBody).code).toBe('invalid_api_key');
    const pastExpiry = await sendJson(admin, 'POST', routes.apiKeys, {
      name: 'Too late',
      scopes: ['members:read'],
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect(pastExpiry.status).toBe(422);
  });

  it('answers retries with the same Idempotency-Key once, and creates one invitation', async () => {
    const { secret } = await createKey(admin, ['members:invite', 'members:read']);
    const email = uniqueEmail('retry');
    const send = (body: unknown) =>
      callWithKey(baseUrl, secret, 'POST', routes.invitations, {
        body,
        headers: { 'idempotency-key': `crm-user-87425-${email}` },
      });

    const answers = await Promise.all([
      send({ email, role: 'member' }),
      send({ email, role: 'member' }),
    ]);
    // Of two at once, one runs and the other is told to retry (or already replays it).
    const statuses = answers.map((answer) => answer.status).sort();
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(statuses);
    const first = answers.find((answer) => answer.status === 201);
    const again = await send({ email, role: 'member' });
    const third = await send({ email, role: 'member' });

    expect(again.status).toBe(201);
    expect(again.body).toEqual(first?.body);
    expect(third.headers.get('idempotent-replayed')).toBe('true');
    const reused = await send({ email, role: 'admin' });
    expect(reused.status).toBe(422);
    expect((reused.body as ErrorBody).code).toBe('idempotency_key_reused');

    await stack.mailbox.waitFor(invitationTo(email), 10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stack.mailbox.messages.filter(invitationTo(email))).toHaveLength(1);
    const found = await callWithKey(baseUrl, secret, 'GET', `${routes.members}?search=${email}`);
    expect((found.body as ListMembersResponse).members.map((m) => m.email)).toEqual([email]);
    const invites = await auditEntries(admin, 'member.invited');
    expect(invites.filter((entry) => entry.member.email === email)).toHaveLength(1);
  });

  it('limits requests per key, leaving other keys their own allowance', async () => {
    const busy = await createKey(admin, ['members:read']);
    const other = await createKey(admin, ['members:read']);
    const statuses: number[] = [];
    for (let i = 0; i <= KEY_LIMIT_PER_MINUTE; i += 1) {
      statuses.push((await callWithKey(baseUrl, busy.secret, 'GET', routes.roles)).status);
    }
    expect(statuses.slice(0, KEY_LIMIT_PER_MINUTE).every((status) => status === 200)).toBe(true);
    const limited = await callWithKey(baseUrl, busy.secret, 'GET', routes.roles);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).not.toBeNull();
    expect((await callWithKey(baseUrl, other.secret, 'GET', routes.roles)).status).toBe(200);
  });
});

describe('where keys are refused', () => {
  let stack: Stack;
  let admin: Browser;
  let secret: string;

  beforeAll(async () => {
    stack = await startStack();
    admin = await stack.signIn(ACME_ADMIN);
    ({ secret } = await createKey(admin, ['members:read', 'members:invite', 'members:write']));
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('refuses a key sent beside a session cookie', async () => {
    const response = await admin.get(routes.members, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(response.status).toBe(400);
    expect(parse<ErrorBody>(response).code).toBe('api_key_not_accepted');
  });

  it('refuses a key on routes kept for people: keys, session, seats, audit', async () => {
    for (const [method, path] of [
      ['GET', routes.apiKeys],
      ['POST', routes.apiKeys],
      ['GET', routes.session],
      ['GET', routes.seats],
      ['GET', routes.audit],
    ] as const) {
      const answer = await callWithKey(stack.bff.url, secret, method, path, {
        ...(method === 'POST' ? { body: { name: 'x', scopes: ['members:read'] } } : {}),
      });
      expect(answer.status, `${method} ${path}`).toBe(400);
      expect((answer.body as ErrorBody).code).toBe('api_key_not_accepted');
    }
  });

  it('never reads a key from the query string or a cookie', async () => {
    for (const name of ['access_token', 'api_key', 'key']) {
      const query = await fetch(new URL(`${routes.members}?${name}=${secret}`, stack.bff.url));
      expect(query.status).toBe(401);
      expect(((await query.json()) as ErrorBody).code).toBe('unauthenticated');
    }
    const cookie = await fetch(new URL(routes.members, stack.bff.url), {
      headers: { cookie: `api_key=${secret}; authorization=Bearer%20${secret}` },
    });
    expect(cookie.status).toBe(401);
  });

  it('lets only admins create keys, and sessions never need one', async () => {
    const member = await stack.signIn(ACME_MEMBER);
    const refused = await sendJson(member, 'POST', routes.apiKeys, {
      name: 'Mine',
      scopes: ['members:read'],
    });
    expect(refused.status).toBe(403);
    expect((await member.get(routes.members)).status).toBe(200);
  });

  it('documents the Bearer scheme, each key route with its scope, and Idempotency-Key', async () => {
    const document = (await (await fetch(new URL(routes.openapi, stack.bff.url))).json()) as {
      components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
      paths: Record<
        string,
        Record<string, { security?: unknown; parameters?: { name: string }[] }>
      >;
    };
    expect(document.components.securitySchemes.apiKey).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    const invite = document.paths[routes.invitations]?.post;
    expect(invite?.security).toEqual([{ session: [] }, { apiKey: ['members:invite'] }]);
    expect(invite?.parameters?.map((parameter) => parameter.name)).toContain('Idempotency-Key');
    expect(document.paths['/api/team/members/{userId}']?.patch?.security).toEqual([
      { session: [] },
      { apiKey: ['members:write'] },
    ]);
    expect(document.paths[routes.apiKeys]?.post?.security).toBeUndefined();
  });
});
