// Holder counts must match role names exactly, for any names: "_" is a wildcard in SQL LIKE,
// so the holders of "a_b" must never include those of "axb".
import { create } from '@bufbuild/protobuf';
import { CreateOrganizationRoleSchema } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/roles/roles_pb.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from './support/emulator.js';

describe('role holder counts', () => {
  let env: TestEmulator;
  beforeAll(async () => {
    env = await startTestEmulator();
  });
  afterAll(() => env.close());

  // Short names over a tiny alphabet, so that one name often matches another as a LIKE pattern.
  const roleName = fc.string({ unit: fc.constantFrom('a', 'b', '_'), minLength: 1, maxLength: 3 });
  const scenario = fc.uniqueArray(roleName, { minLength: 2, maxLength: 4 }).chain((names) =>
    fc.record({
      names: fc.constant(names),
      members: fc.array(fc.subarray(names, { minLength: 1 }), { minLength: 1, maxLength: 3 }),
    }),
  );

  it('counts, for any role names, exactly the members holding each one', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ names, members }) => {
        run += 1;
        const { organization } = await env.sdk.organization.createOrganization(`Run ${run}`);
        const orgId = organization?.id ?? '';
        for (const name of names) {
          await env.sdk.role.createOrganizationRole(
            orgId,
            create(CreateOrganizationRoleSchema, { name, displayName: name }),
          );
        }
        for (const [index, held] of members.entries()) {
          const { user } = await env.sdk.user.createUserAndMembership(orgId, {
            email: `run${run}-member${index}@holders.test`,
            sendInvitationEmail: false,
          });
          await env.sdk.user.assignUserRoles(orgId, user?.id ?? '', held);
        }
        for (const name of names) {
          const { count } = await env.sdk.role.getOrganizationRoleUsersCount(orgId, name);
          expect(count).toBe(BigInt(members.filter((held) => held.includes(name)).length));
        }
      }),
      { seed: 20261130, numRuns: 25 },
    );
  });
});
