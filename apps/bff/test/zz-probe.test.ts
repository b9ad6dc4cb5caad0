import { it } from 'vitest';
import { startStack } from './support/harness.js';
import { openEvents } from './webhooks-fixtures.js';
it('x', async () => {
  const stack = await startStack();
  const admin = await stack.signIn('admin+sktest@acme.test');
  if (process.env.PROBE_SSE) { const s = await openEvents(admin); s.close(); }
  await new Promise((r) => setTimeout(r, 200));
  const t = Date.now();
  const closing = stack.bff.app.close();
  const timer = setInterval(() => console.log('handles', (process as any)._getActiveHandles().map((h: any) => h.constructor.name + (h.remotePort ? ':' + h.localPort + '->' + h.remotePort : '')).join(',')), 3000);
  await closing;
  clearInterval(timer);
  console.log('bff closed', Date.now() - t);
  await stack.stop();
}, 20000);
