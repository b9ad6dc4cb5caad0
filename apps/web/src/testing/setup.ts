// Test environment: jest-dom matchers, MSW at the network edge with a fresh fake BFF state per
// test, and object URLs (for downloads) recorded instead of created.
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { englishMessages } from '@/lib/api-client';
import { bff } from './handlers';
import { server } from './server';

// Screens load lazily; on a busy 2-core machine the first transform of a chunk takes a while.
configure({ asyncUtilTimeout: 10_000 });

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  // Tests read zod's English messages from the first render on.
  await englishMessages;
});
beforeEach(() => {
  bff.reset();
  URL.createObjectURL = vi.fn(() => 'blob:test');
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => {
  cleanup();
  server.resetHandlers();
  vi.restoreAllMocks();
});
afterAll(() => server.close());
