// The query of `GET /api/team/members` (status, search, sort, order, page size and token) as it
// arrives from any URL: a query the contract accepts gets a page, anything else a 422
// `validation_failed` body, never a 500; page tokens only continue the list they came from.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ListMembersQuerySchema,
  routes,
  type ErrorBody,
  type ListMembersResponse,
} from '@app/contracts';
import type { Browser } from './support/browser.js';
import { seedUsers } from './support/directory-seeder.js';
import { startStack, type Stack } from './support/harness.js';
import { ACME_ADMIN, parse } from './team-fixtures.js';

const PROPERTY_SETTINGS = { seed: 9, numRuns: 60, interruptAfterTimeLimit: 20_000 };

let stack: Stack;
let admin: Browser;

beforeAll(async () => {
  stack = await startStack({ webhooks: false });
  seedUsers(stack.emulator, 60, 'query', 'org_acme');
  admin = await stack.signIn(ACME_ADMIN);
  stack.bff.app.memberIndex.startRebuild('org_acme');
  await stack.bff.app.memberIndex.running('org_acme');
});

afterAll(async () => {
  await stack?.stop();
});

const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

/** Query values, valid and not: known words, near misses, numbers, any text. */
const queryArbitrary = fc.record({
  status: maybe(fc.constantFrom('active', 'pending', 'expired', 'inactive', 'ACTIVE', '', 'x')),
  search: maybe(
    fc.oneof(fc.string({ maxLength: 4 }), fc.string({ minLength: 95, maxLength: 110 })),
  ),
  sort: maybe(fc.constantFrom('name', 'status', 'role', 'invited', 'joined', 'email', '')),
  order: maybe(fc.constantFrom('asc', 'desc', 'up', '')),
  pageSize: maybe(fc.oneof(fc.integer({ min: -5, max: 120 }).map(String), fc.string())),
});

describe('GET /api/team/members query', () => {
  it('answers a page exactly when the contract accepts the query, else 422 validation_failed', async () => {
    await fc.assert(
      fc.asyncProperty(queryArbitrary, async (query) => {
        const params = new URLSearchParams();
        for (const [key, value] of Object.entries(query)) {
          if (value !== undefined) params.set(key, value);
        }
        const response = await admin.get(`${routes.members}?${params.toString()}`);
        const accepted = ListMembersQuerySchema.safeParse(Object.fromEntries(params)).success;
        if (accepted) {
          expect(response.status, response.body).toBe(200);
          expect(Array.isArray(parse<ListMembersResponse>(response).members)).toBe(true);
        } else {
          expect(response.status, response.body).toBe(422);
          expect(parse<ErrorBody>(response).code).toBe('validation_failed');
        }
      }),
      PROPERTY_SETTINGS,
    );
  });

  it('refuses a forged page token, and a token used with another filter or order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 80 }), async (token) => {
        const response = await admin.get(
          `${routes.members}?pageToken=${encodeURIComponent(token)}`,
        );
        expect(response.status, response.body).toBe(422);
      }),
      { ...PROPERTY_SETTINGS, numRuns: 30 },
    );
    const first = parse<ListMembersResponse>(await admin.get(`${routes.members}?pageSize=10`));
    expect(first.nextPageToken).not.toBeNull();
    const token = encodeURIComponent(first.nextPageToken ?? '');
    const reused = await admin.get(`${routes.members}?pageSize=10&order=desc&pageToken=${token}`);
    expect(reused.status).toBe(422);
  });

  it('pages through every member once in each sort order, with counts of the whole organization', async () => {
    for (const sort of ['name', 'status', 'role', 'invited', 'joined']) {
      for (const order of ['asc', 'desc']) {
        const seen: string[] = [];
        let token: string | null = null;
        let counts: ListMembersResponse['counts'];
        do {
          const params = new URLSearchParams({ sort, order, pageSize: '7' });
          if (token !== null) params.set('pageToken', token);
          const page = parse<ListMembersResponse>(
            await admin.get(`${routes.members}?${params.toString()}`),
          );
          seen.push(...page.members.map((member) => member.userId));
          counts = page.counts;
          token = page.nextPageToken;
        } while (token !== null);
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.length).toBe(counts?.total);
      }
    }
  });
});
