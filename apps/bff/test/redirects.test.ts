// Every redirect the BFF answers to input it was given: sign-in start (returnTo), failed
// callbacks (the provider's error and description) and logout. Whatever the input, the Location
// goes to Scalekit or to the SPA's sign-in page with a known code, and echoes none of it.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignInErrorCodeSchema, pages, routes } from '@app/contracts';
import { hostileText, PROPERTY_SETTINGS } from '@app/contracts/testing';
import { startStack, type Stack } from './support/harness.js';

const HTTP_RUNS = { ...PROPERTY_SETTINGS, numRuns: 150 };

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

/** A query value as a browser would send it; lone surrogates cannot be sent at all. */
function queryValue(value: string): string | undefined {
  try {
    return encodeURIComponent(value);
  } catch {
    return undefined;
  }
}

async function navigate(path: string): Promise<Response> {
  return fetch(`${stack.bff.url}${path}`, {
    headers: { accept: 'text/html' },
    redirect: 'manual',
  });
}

describe('redirects built from input', () => {
  it('starts every sign-in at Scalekit’s authorize endpoint, whatever returnTo holds', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText(), async (returnTo) => {
        const encoded = queryValue(returnTo);
        fc.pre(encoded !== undefined);
        const answer = await navigate(`${routes.login}?returnTo=${encoded}`);
        await answer.body?.cancel();
        expect(answer.status).toBe(302);
        const location = new URL(answer.headers.get('location') ?? '');
        expect(`${location.origin}${location.pathname}`).toBe(
          `${stack.emulator.url}/oauth/authorize`,
        );
        expect(location.searchParams.get('redirect_uri')).toBe(`${stack.publicUrl}/api/callback`);
        expect([...location.searchParams.keys()]).not.toContain('returnTo');
      }),
      HTTP_RUNS,
    );
  });

  it('sends a failed callback to the sign-in page with a known code, echoing nothing of the provider’s text', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText(), hostileText(), async (error, description) => {
        const encodedError = queryValue(error.slice(0, 256));
        const encodedDescription = queryValue(description);
        fc.pre(encodedError !== undefined && encodedDescription !== undefined);
        const answer = await navigate(
          `${routes.callback}?error=${encodedError}&error_description=${encodedDescription}&state=unknown`,
        );
        await answer.body?.cancel();
        expect(answer.status).toBe(302);
        const value = answer.headers.get('location') ?? '';
        const location = new URL(value, stack.publicUrl);
        expect(location.origin).toBe(stack.publicUrl);
        expect(location.pathname).toBe(pages.signIn);
        expect([...location.searchParams.keys()]).toEqual(['error']);
        expect(SignInErrorCodeSchema.options).toContain(location.searchParams.get('error'));
        expect(value).toMatch(/^\/sign-in\?error=[a-z_]+$/);
      }),
      HTTP_RUNS,
    );
  });

  it('sends logout to Scalekit with the registered post-logout URI, whatever the request carries', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText(), async (junk) => {
        const encoded = queryValue(junk);
        fc.pre(encoded !== undefined);
        const answer = await fetch(`${stack.bff.url}${routes.logout}?next=${encoded}`, {
          method: 'POST',
          headers: { accept: 'text/html', 'x-csrf': '1', origin: stack.publicUrl },
          redirect: 'manual',
        });
        await answer.body?.cancel();
        expect(answer.status).toBe(303);
        const location = new URL(answer.headers.get('location') ?? '');
        expect(`${location.origin}${location.pathname}`).toBe(`${stack.emulator.url}/oidc/logout`);
        expect(location.searchParams.get('post_logout_redirect_uri')).toBe(
          `${stack.publicUrl}/sign-in`,
        );
      }),
      { ...HTTP_RUNS, numRuns: 50 },
    );
  });
});
