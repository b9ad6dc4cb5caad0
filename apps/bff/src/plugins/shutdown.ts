// Graceful shutdown, in two steps. `begin()` (on SIGTERM): readiness answers 503 at once so a
// load balancer stops sending, bulk imports stop taking new rows and no new one starts; the
// instance still serves whatever else arrives. `drained()` then waits for the tracked long
// tasks (imports finishing their rows in flight) before the app closes; from `close` on, every
// request gets 503 `shutting_down` in the contracts' shape instead of Fastify's own body.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error.js';
import { sendError } from '../errors/send-error.js';

export class ShutdownCoordinator {
  #draining = false;
  readonly #tasks = new Set<Promise<unknown>>();

  /** True from the moment shutdown began. */
  get draining(): boolean {
    return this.#draining;
  }

  begin(): void {
    this.#draining = true;
  }

  /** Keeps shutdown waiting for `task` (bounded by the grace period given to `drained`). */
  track(task: Promise<unknown>): void {
    const settled = task.then(
      () => undefined,
      () => undefined,
    );
    this.#tasks.add(settled);
    void settled.then(() => this.#tasks.delete(settled));
  }

  /** Resolves true once every tracked task settled, false when `graceMs` ran out first. */
  async drained(graceMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), graceMs);
    });
    try {
      while (this.#tasks.size > 0) {
        const finished = await Promise.race([
          Promise.all([...this.#tasks]).then(() => true),
          timeout,
        ]);
        if (!finished) return false;
      }
      return true;
    } finally {
      clearTimeout(timer);
    }
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    shutdown: ShutdownCoordinator;
  }
}

function shutdownPlugin(app: FastifyInstance): Promise<void> {
  const shutdown = new ShutdownCoordinator();
  let closing = false;
  app.decorate('shutdown', shutdown);
  app.addHook('preClose', (done) => {
    shutdown.begin();
    closing = true;
    done();
  });
  app.addHook('onRequest', (_request, reply, done) => {
    if (!closing) {
      done();
      return;
    }
    void reply.header('connection', 'close');
    void sendError(reply, new AppError('shutting_down', 'This server is restarting.'));
  });
  return Promise.resolve();
}

export default fp(shutdownPlugin, { name: 'shutdown' });
