import { MemberStatusSchema } from '@app/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTeamListState, writeTeamListState, type TeamListState } from './team-url-state';

const read = (query: string) => readTeamListState(new URLSearchParams(query));

const stateArbitrary: fc.Arbitrary<TeamListState> = fc.record({
  search: fc.string({ maxLength: 200 }),
  status: fc.option(fc.constantFrom(...MemberStatusSchema.options), { nil: undefined }),
  cursors: fc.array(fc.base64String({ minLength: 4, maxLength: 80 }).map(toBase64Url), {
    maxLength: 5,
  }),
});

function toBase64Url(value: string): string {
  return value.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') || 'AAAA';
}

describe('the Team list state in the URL', () => {
  it('reads search, status and page cursors', () => {
    expect(read('q=ada&status=pending&page=3&after=abc,def')).toEqual({
      search: 'ada',
      status: 'pending',
      cursors: ['abc', 'def'],
    });
  });

  it('starts on the first page of everyone when the URL says nothing', () => {
    expect(read('')).toEqual({ search: '', status: undefined, cursors: [] });
  });

  it('drops an unknown status and cursors that are not the BFF tokens', () => {
    expect(read('status=owner&after=ok_1,<script>,a b')).toEqual({
      search: '',
      status: undefined,
      cursors: ['ok_1'],
    });
  });

  it('goes back along the cursors when the page number is lower', () => {
    expect(read('page=2&after=abc,def').cursors).toEqual(['abc']);
    expect(read('page=0&after=abc').cursors).toEqual([]);
  });

  it('writes nothing for the default view', () => {
    expect(writeTeamListState({ search: '', status: undefined, cursors: [] }).toString()).toBe('');
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
        for (const cursor of state.cursors) expect(cursor).toMatch(/^[A-Za-z0-9_-]{1,512}$/);
      }),
      { seed: 1313, numRuns: 500 },
    );
  });
});
