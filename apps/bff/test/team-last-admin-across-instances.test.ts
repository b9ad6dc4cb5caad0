// The last-admin rule across BFF instances: two instances sharing one real Redis (the lock in
// Redis), or sharing one real PostgreSQL and no Redis (an advisory lock in the database), the last
// two admins of Acme each demoting (or removing) the other at the same moment, one per instance.
// Exactly one change goes through; the organization always keeps an active admin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, type ErrorBody, type ListMembersResponse } from '@app/contracts';
import type { Browser } from './support/browser.js';
import { seededUserId, seedUsers } from './support/directory-seeder.js';
import { startStack, type Stack, type StackOptions } from './support/harness.js';
import { ACME_ADMIN, parse, sendJson } from './team-fixtures.js';

const ACME = 'org_acme';
const FIRST_ADMIN_ID = 'usr_acmeadmin0000001';

function lastAdminRuleAcross(title: string, options: StackOptions): void {
  describe(title, () => {
    let stack: Stack;
    let first: Browser;
    /** The second admin of the first test, who may be the one left. */
    let earlier: { browser: Browser; userId: string } | undefined;

    beforeAll(async () => {
      stack = await startStack(options);
      first = await stack.signIn(ACME_ADMIN, { instance: stack.instances[0] });
    });

    afterAll(async () => {
      await stack?.stop();
    });

    /** A new active member of Acme made admin by the first admin, signed in on instance 2. */
    async function secondAdmin(round: number): Promise<{ browser: Browser; userId: string }> {
      const prefix = `second+sktest${round}`;
      seedUsers(stack.emulator, 1, prefix, ACME, 'acme.test');
      const userId = seededUserId(prefix, 0);
      const promoted = await sendJson(first, 'PATCH', routes.member(userId), { role: 'admin' });
      expect(promoted.status, promoted.body).toBe(200);
      const browser = await stack.signIn(`${prefix}-0@acme.test`, { instance: stack.instances[1] });
      return { browser, userId };
    }

    async function activeAdmins(): Promise<string[]> {
      const page = parse<ListMembersResponse>(
        await first.get(`${routes.members}?status=active&sort=role&pageSize=100`),
      );
      return page.members.filter((member) => member.roles.includes('admin')).map((m) => m.userId);
    }

    async function buildIndexes(): Promise<void> {
      for (const instance of stack.instances) {
        instance.app.memberIndex.startRebuild(ACME);
        await instance.app.memberIndex.running(ACME);
      }
    }

    it('lets exactly one of two simultaneous demotions of the last two admins through', async () => {
      const second = await secondAdmin(1);
      earlier = second;
      await buildIndexes();

      const answers = await Promise.all([
        sendJson(first, 'PATCH', routes.member(second.userId), { role: 'member' }),
        sendJson(second.browser, 'PATCH', routes.member(FIRST_ADMIN_ID), { role: 'member' }),
      ]);

      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      const refused = answers.find((answer) => answer.status === 409);
      expect(refused === undefined ? undefined : parse<ErrorBody>(refused).code).toBe('last_admin');
      expect(await activeAdmins()).toHaveLength(1);
    });

    it('lets exactly one of a removal and a demotion at the same moment through', async () => {
      // Back to one admin, the first, whoever won above.
      const [remaining] = await activeAdmins();
      if (remaining !== FIRST_ADMIN_ID && earlier !== undefined) {
        const back = await sendJson(earlier.browser, 'PATCH', routes.member(FIRST_ADMIN_ID), {
          role: 'admin',
        });
        expect(back.status, back.body).toBe(200);
        const down = await sendJson(first, 'PATCH', routes.member(earlier.userId), {
          role: 'member',
        });
        expect(down.status, down.body).toBe(200);
      }
      const second = await secondAdmin(2);

      const answers = await Promise.all([
        first.request(routes.member(second.userId), { method: 'DELETE', csrf: true }),
        sendJson(second.browser, 'PATCH', routes.member(FIRST_ADMIN_ID), { role: 'member' }),
      ]);

      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      expect(await activeAdmins()).toHaveLength(1);
    });
  });
}

lastAdminRuleAcross('the last-admin rule across two instances sharing Redis', {
  redis: true,
  instances: 2,
});

lastAdminRuleAcross('the last-admin rule across two instances sharing PostgreSQL without Redis', {
  database: 'postgres',
  instances: 2,
});
