import { describe, expect, it } from 'vitest';
import { prefetchSession, takePrefetchedSession } from '@/lib/session-prefetch';
import { bff } from '@/testing/handlers';
import { getSession } from './get-session';

const sessionReads = () => bff.requests.filter((request) => request.path === '/api/session');

describe('the session prefetch', () => {
  it('answers the first session read with the request the entry started', async () => {
    prefetchSession('/dashboard/profile');
    await expect.poll(() => sessionReads().length).toBe(1);
    const session = await getSession();
    expect(session.user.email).toBe('ada@acme.test');
    expect(sessionReads()).toHaveLength(1);
    // Later reads ask the BFF afresh (e.g. after a role change).
    await getSession();
    expect(sessionReads()).toHaveLength(2);
  });

  it('asks nothing on the sign-in screen', () => {
    prefetchSession('/sign-in');
    expect(takePrefetchedSession()).toBeUndefined();
    expect(sessionReads()).toHaveLength(0);
  });
});
