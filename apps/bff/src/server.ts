// Process entry point: loads the configuration, builds the app, listens, and closes
// gracefully on SIGINT/SIGTERM (readiness fails at once, bulk imports report their rows in
// flight, in-flight requests finish, stores disconnect).
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config/env.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const app = await buildApp(config);
  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    const graceMs = config.server.shutdownGraceMs;
    app.log.info({ signal, graceMs }, 'shutting down');
    // Readiness answers 503 from now on and imports stop taking rows; the rows in flight
    // finish and are reported before the app closes.
    app.shutdown.begin();
    const force = setTimeout(() => process.exit(1), graceMs + 10_000);
    force.unref();
    // The listener stays open for at least the notice period, so a load balancer polling
    // readiness sees the 503 instead of a refused connection, even when nothing is in flight.
    const notice = new Promise((resolve) => setTimeout(resolve, config.server.shutdownNoticeMs));
    Promise.all([app.shutdown.drained(graceMs), notice])
      .then(([drained]) => {
        if (!drained) app.log.warn('shutdown grace period over with work still in flight');
        // Other in-flight requests get a few seconds; idle keep-alive connections close at once.
        const drain = setTimeout(() => app.server.closeAllConnections(), 5_000);
        drain.unref();
        return app.close();
      })
      .then(
        () => process.exit(0),
        (error: unknown) => {
          app.log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  await app.listen({ host: config.server.host, port: config.server.port });
}

void main();
