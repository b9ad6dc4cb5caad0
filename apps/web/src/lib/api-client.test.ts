import { ListRolesResponseSchema, MemberResponseSchema } from '@app/contracts';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { bff } from '@/testing/handlers';
import { server } from '@/testing/server';
import { request } from './api-client';
import { ApiError } from './api-error';
import { browserLocation } from './browser-location';
import { describeError } from './error-message';

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('the API client', () => {
  it('sends the CSRF header on writes and not on reads, same-origin', async () => {
    await request('/api/team/roles', ListRolesResponseSchema);
    await request('/api/team/members/usr_grace', MemberResponseSchema, {
      method: 'PATCH',
      json: { role: 'admin' },
    });
    const [read, write] = bff.requests;
    expect(read).toMatchObject({ method: 'GET', csrf: null });
    expect(write).toMatchObject({ method: 'PATCH', csrf: '1' });
  });

  it('turns an error body into an ApiError with its stable code and details', async () => {
    server.use(
      http.get('/api/team/roles', () =>
        HttpResponse.json(
          { code: 'rate_limited', message: 'Slow down', retryAfterSeconds: 90 },
          { status: 429 },
        ),
      ),
    );
    const error = await failure(request('/api/team/roles', ListRolesResponseSchema));
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterSeconds: 90 });
    expect(describeError(error)).toBe('Too many requests in a short time. Try again in 2 minutes.');
  });

  it('refuses an answer that does not match the contract', async () => {
    server.use(http.get('/api/team/roles', () => HttpResponse.json({ roles: [{ name: 1 }] })));
    const error = await failure(request('/api/team/roles', ListRolesResponseSchema));
    expect(error.code).toBe('invalid_response');
  });

  it('never shows the text of an unexpected error page', async () => {
    server.use(
      http.get('/api/team/roles', () => new HttpResponse('<h1>Bad gateway</h1>', { status: 502 })),
    );
    const error = await failure(request('/api/team/roles', ListRolesResponseSchema));
    expect(error).toMatchObject({ code: 'invalid_response', status: 502 });
    expect(describeError(error)).not.toMatch(/gateway/i);
  });

  it('reports a network failure as such', async () => {
    server.use(http.get('/api/team/roles', () => HttpResponse.error()));
    const error = await failure(request('/api/team/roles', ListRolesResponseSchema));
    expect(error.code).toBe('network_error');
  });

  it('by default sends a 401 to the sign-in page with the current path as returnTo', async () => {
    const assign = vi.spyOn(browserLocation, 'assign').mockImplementation(() => undefined);
    window.history.pushState({}, '', '/team?status=pending');
    bff.session = null;
    const error = await failure(request('/api/team/roles', ListRolesResponseSchema));
    expect(error.code).toBe('unauthenticated');
    expect(assign).toHaveBeenCalledWith('/sign-in?returnTo=%2Fteam%3Fstatus%3Dpending');
    window.history.pushState({}, '', '/');
  });
});
