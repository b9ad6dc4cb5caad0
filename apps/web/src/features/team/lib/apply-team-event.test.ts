import { describe, expect, it } from 'vitest';
import { buildMember } from '@/testing/fixtures';
import { applyTeamEvent, type VisiblePage } from './apply-team-event';

const firstPage: VisiblePage = { isFirstPage: true, status: undefined, search: '' };

describe('applyTeamEvent', () => {
  const pending = buildMember({ status: 'pending', email: 'p@x.test' });
  const page = { members: [pending], nextPageToken: null };

  it('replaces a row that changed', () => {
    const active = { ...pending, status: 'active' as const };
    expect(
      applyTeamEvent(
        page,
        { type: 'member.updated', userId: pending.userId, member: active },
        firstPage,
      ),
    ).toEqual({ members: [active], nextPageToken: null });
  });

  it('adds a newcomer on the first page only, and only when it matches the filters', () => {
    const newcomer = buildMember({ email: 'new@x.test' });
    const event = { type: 'member.added' as const, userId: newcomer.userId, member: newcomer };
    expect(applyTeamEvent(page, event, firstPage)?.members).toEqual([newcomer, pending]);
    expect(applyTeamEvent(page, event, { ...firstPage, isFirstPage: false })).toBe(page);
    expect(applyTeamEvent(page, event, { ...firstPage, status: 'pending' })).toBe(page);
    expect(applyTeamEvent(page, event, { ...firstPage, search: 'zzz' })).toBe(page);
  });

  it('removes a row', () => {
    expect(
      applyTeamEvent(page, { type: 'member.removed', userId: pending.userId }, firstPage)?.members,
    ).toEqual([]);
  });
});
