import { describe, expect, it } from 'vitest';
import { pageSummary } from './page-summary';

describe('the pager summary', () => {
  it('says which rows of how many are on screen', () => {
    expect(pageSummary({ pageIndex: 0, pageSize: 25, shown: 25, total: 312 })).toBe('1–25 of 312');
    expect(pageSummary({ pageIndex: 12, pageSize: 25, shown: 12, total: 312 })).toBe(
      '301–312 of 312',
    );
  });

  it('leaves the total out when it is not known, and never says fewer than shown', () => {
    expect(pageSummary({ pageIndex: 1, pageSize: 25, shown: 7, total: undefined })).toBe('26–32');
    // Counts lag a member added a moment ago: the rows on screen are the truth.
    expect(pageSummary({ pageIndex: 0, pageSize: 25, shown: 4, total: 3 })).toBe('1–4 of 4');
  });

  it('groups thousands', () => {
    expect(pageSummary({ pageIndex: 3999, pageSize: 25, shown: 25, total: 100_000 })).toBe(
      '99,976–100,000 of 100,000',
    );
  });
});
