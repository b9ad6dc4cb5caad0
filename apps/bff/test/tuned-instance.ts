// One more BFF instance on a running stack, built with the team route options the harness does
// not pass (SSE timings, bulk concurrency). It shares the stack's config, emulator and public URL,
// so `stack.signIn(email, { instance })` signs in through it.
import type { TeamRoutesOptions } from '../src/routes/team/index.js';
import { buildApp } from '../src/app.js';
import type { BffInstance, Stack } from './support/harness.js';
import { LogCapture } from './support/log-capture.js';

export async function startTunedInstance(
  stack: Stack,
  team: TeamRoutesOptions,
): Promise<BffInstance> {
  const logs = new LogCapture();
  const refreshGrants: string[] = [];
  const { config } = stack.bff;
  const app = await buildApp(config, {
    logStream: logs,
    onRefreshGrant: (id) => refreshGrants.push(id),
    team,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { app, url: `http://127.0.0.1:${String(port)}`, config, logs, refreshGrants };
}

/** Closes the instance without waiting on kept-alive connections (streams the test aborted). */
export async function stopTunedInstance(instance: BffInstance | undefined): Promise<void> {
  if (instance === undefined) return;
  const closing = instance.app.close();
  const timer = setTimeout(() => instance.app.server.closeAllConnections(), 500);
  await closing;
  clearTimeout(timer);
}
