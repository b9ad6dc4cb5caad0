import { AuditFilterQuerySchema, AuditKindSchema, AuditPersonFilterSchema } from '@app/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  activityFilters,
  readActivityListState,
  writeActivityListState,
  type ActivityListState,
} from './activity-url-state';

const read = (query: string) => readActivityListState(new URLSearchParams(query));

const dayArbitrary = fc
  .date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2099-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString().slice(0, 10));

const stateArbitrary: fc.Arbitrary<ActivityListState> = fc
  .record({
    actor: fc.oneof(fc.constant(''), fc.constantFrom('ada@acme.test', 'usr_123')),
    member: fc.oneof(fc.constant(''), fc.constantFrom('grace@acme.test', 'usr_grace')),
    kind: fc.option(fc.constantFrom(...AuditKindSchema.options), { nil: undefined }),
    days: fc.tuple(fc.option(dayArbitrary, { nil: '' }), fc.option(dayArbitrary, { nil: '' })),
    cursors: fc.array(fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), { maxLength: 5 }),
  })
  .map(({ days, ...rest }) => {
    const [first, second] = days;
    const ordered = first !== '' && second !== '' && second < first;
    return { ...rest, from: ordered ? second : first, to: ordered ? first : second };
  });

/** Queries with the state's own keys holding anything, plus stray keys. */
const queryArbitrary = fc.array(
  fc.tuple(
    fc.oneof(
      fc.constantFrom('actor', 'member', 'kind', 'from', 'to', 'page', 'after'),
      fc.string(),
    ),
    fc.oneof(fc.string({ maxLength: 200 }), fc.emailAddress(), dayArbitrary),
  ),
  { maxLength: 10 },
);

describe('the Activity list state in the URL', () => {
  it('reads the filters and the page it was given', () => {
    expect(
      read(
        'actor=ada@acme.test&member=usr_grace&kind=member.removed&from=2026-01-02&to=2026-01-31&page=2&after=abc',
      ),
    ).toEqual({
      actor: 'ada@acme.test',
      member: 'usr_grace',
      kind: 'member.removed',
      from: '2026-01-02',
      to: '2026-01-31',
      cursors: ['abc'],
    });
  });

  it('drops a half-typed address, an unknown kind, impossible days and a backwards range', () => {
    expect(read('actor=ada@&kind=member.exploded&from=2026-02-30')).toMatchObject({
      actor: '',
      kind: undefined,
      from: '',
    });
    expect(read('from=2026-03-10&to=2026-03-01')).toMatchObject({ from: '2026-03-10', to: '' });
  });

  it('sends whole days in the reader time zone, the last day included', () => {
    const filters = activityFilters({ ...read(''), from: '2026-03-01', to: '2026-03-01' });
    expect(filters.from).toBe(new Date(2026, 2, 1).toISOString());
    expect(filters.to).toBe(new Date(2026, 2, 2).toISOString());
  });

  it('reads back whatever it wrote (property)', () => {
    fc.assert(
      fc.property(stateArbitrary, (state) => {
        expect(read(writeActivityListState(state).toString())).toEqual(state);
      }),
      { seed: 1111, numRuns: 300 },
    );
  });

  it('turns any query into filters the BFF accepts (property)', () => {
    fc.assert(
      fc.property(queryArbitrary, (pairs) => {
        const state = readActivityListState(new URLSearchParams(pairs));
        for (const person of [state.actor, state.member].filter(Boolean))
          expect(AuditPersonFilterSchema.safeParse(person).success).toBe(true);
        expect(AuditFilterQuerySchema.safeParse(activityFilters(state)).success).toBe(true);
        for (const cursor of state.cursors) expect(cursor).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      }),
      { seed: 1111, numRuns: 500 },
    );
  });
});
