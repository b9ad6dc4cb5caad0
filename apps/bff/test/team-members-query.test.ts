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

/** Every page of a search, `pageSize` at a time: the emails in the order they came. */
async function searchAll(search: string, extra = ''): Promise<string[]> {
  const emails: string[] = [];
  let token: string | null = null;
  do {
    const params = new URLSearchParams(`search=${encodeURIComponent(search)}&pageSize=7${extra}`);
    if (token !== null) params.set('pageToken', token);
    const response = await admin.get(`${routes.members}?${params.toString()}`);
    expect(response.status, response.body).toBe(200);
    const page = parse<ListMembersResponse>(response);
    emails.push(...page.members.map((member) => member.email));
    token = page.nextPageToken;
  } while (token !== null);
  return emails;
}

const seeded = (numbers: number[]) => numbers.map((n) => `query-${String(n)}@scale.test`);
const range = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, index) => from + index);

describe('GET /api/team/members?search= from the member index', () => {
  it('finds members by the start of any word of their name', async () => {
    // Seeded names are "Person<n> query".
    expect((await searchAll('PERSON1')).sort()).toEqual(seeded([1, ...range(10, 20)]).sort());
    expect((await searchAll('person42 que')).sort()).toEqual(seeded([42]));
  });

  it('finds members by the start of their email or of a word in it', async () => {
    expect((await searchAll('query-5')).sort()).toEqual(seeded([5, ...range(50, 60)]).sort());
    expect(await searchAll('query-7@')).toEqual(seeded([7]));
    expect(await searchAll('uery')).toEqual([]);
  });

  it('lists a member matching through several words once, across pages and with a status', async () => {
    // "query" starts both the family name and the email of every seeded member.
    const all = await searchAll('query');
    expect(all.sort()).toEqual(seeded(range(0, 60)).sort());
    const pending = await searchAll('query', '&status=pending');
    expect(new Set(pending).size).toBe(pending.length);
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.length).toBeLessThan(60);
  });

  it('refuses a search page token with another search', async () => {
    const first = parse<ListMembersResponse>(
      await admin.get(`${routes.members}?search=query&pageSize=5`),
    );
    const token = encodeURIComponent(first.nextPageToken ?? '');
    const reused = await admin.get(`${routes.members}?search=person&pageToken=${token}`);
    expect(reused.status).toBe(422);
  });
});
