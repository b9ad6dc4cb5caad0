import { MemberSortSchema, MemberStatusSchema } from '@app/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTeamListState, writeTeamListState, type TeamListState } from './team-url-state';

const read = (query: string) => readTeamListState(new URLSearchParams(query));

const stateArbitrary: fc.Arbitrary<TeamListState> = fc.record({
  search: fc.string({ maxLength: 200 }),
  status: fc.option(fc.constantFrom(...MemberStatusSchema.options), { nil: undefined }),
  sort: fc.constantFrom(...MemberSortSchema.options),
  order: fc.constantFrom('asc' as const, 'desc' as const),
  cursors: fc.array(fc.base64String({ minLength: 4, maxLength: 80 }).map(toBase64Url), {
    maxLength: 5,
  }),
});

function toBase64Url(value: string): string {
  return value.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') || 'AAAA';
}

describe('the Team list state in the URL', () => {
  it('reads search, status, sort, order and page cursors', () => {
    expect(read('q=ada&status=pending&sort=joined&order=desc&page=3&after=abc,def')).toEqual({
      search: 'ada',
      status: 'pending',
      sort: 'joined',
      order: 'desc',
      cursors: ['abc', 'def'],
    });
  });

  it('starts on the first page of everyone by name when the URL says nothing', () => {
    expect(read('')).toEqual({
      search: '',
      status: undefined,
      sort: 'name',
      order: 'asc',
      cursors: [],
    });
  });

  it('drops an unknown status, sort or order and cursors that are not the BFF tokens', () => {
    expect(read('status=owner&sort=email&order=up&after=ok_1,<script>,a b')).toEqual({
      search: '',
      status: undefined,
      sort: 'name',
      order: 'asc',
      cursors: ['ok_1'],
    });
  });

  it('writes the sort only when it is not the default', () => {
    const base = { search: '', status: undefined, cursors: [] };
    expect(writeTeamListState({ ...base, sort: 'name', order: 'asc' }).toString()).toBe('');
    expect(writeTeamListState({ ...base, sort: 'name', order: 'desc' }).toString()).toBe(
      'sort=name&order=desc',
    );
    expect(writeTeamListState({ ...base, sort: 'invited', order: 'asc' }).toString()).toBe(
      'sort=invited&order=asc',
    );
  });

  it('goes back along the cursors when the page number is lower', () => {
    expect(read('page=2&after=abc,def').cursors).toEqual(['abc']);
    expect(read('page=0&after=abc').cursors).toEqual([]);
  });

  it('writes nothing for the default view', () => {
    expect(
      writeTeamListState({
        search: '',
        status: undefined,
        sort: 'name',
        order: 'asc',
        cursors: [],
      }).toString(),
    ).toBe('');
  });

  it('reads back whatever it wrote (property)', () => {
    fc.assert(
      fc.property(stateArbitrary, (state) => {
        const url = `?${writeTeamListState(state).toString()}`;
        expect(readTeamListState(new URLSearchParams(url))).toEqual(state);
      }),
      { seed: 1313, numRuns: 300 },
    );
  });

  it('never throws and never keeps a malformed value, whatever the query (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (query) => {
        const state = read(query);
        expect(state.search.length).toBeLessThanOrEqual(200);
        expect(MemberStatusSchema.options.concat([undefined as never])).toContain(state.status);
        expect(MemberSortSchema.options).toContain(state.sort);
        expect(['asc', 'desc']).toContain(state.order);
        for (const cursor of state.cursors) expect(cursor).toMatch(/^[A-Za-z0-9_-]{1,512}$/);
      }),
      { seed: 1313, numRuns: 500 },
    );
  });
});
