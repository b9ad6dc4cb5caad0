// Serves the SPA on the BFF's origin so the browser only ever sees one origin. Production:
// the built files of apps/web with an index.html fallback for client-side routes.
// Development: Vite's dev middleware (optional; tests run without it).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config/env.js';
import { AppError } from '../errors/app-error.js';

const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web');

const HEALTH_PATHS = new Set(['/healthz', '/readyz']);

function isBffPath(url: string): boolean {
  const path = url.split('?', 1)[0] ?? url;
  return (
    path.startsWith('/api/') ||
    path.startsWith('/auth/') ||
    path === '/api' ||
    path === '/auth' ||
    HEALTH_PATHS.has(path)
  );
}

async function serveStatic(app: FastifyInstance, distDir: string): Promise<void> {
  if (!existsSync(path.join(distDir, 'index.html'))) {
    app.log.warn({ distDir }, 'no built SPA found; run `pnpm --filter @app/web build`');
    return;
  }
  await app.register(fastifyStatic, { root: distDir, wildcard: false, index: false, maxAge: 0 });
  // Client-side routes (e.g. /dashboard/profile) get index.html; BFF paths stay JSON 404s.
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    if (isBffPath(request.url)) throw new AppError('not_found', 'Not found.');
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
  app.get('/', { schema: { hide: true } }, (_request, reply) =>
    reply.header('cache-control', 'no-cache').sendFile('index.html'),
  );
}

interface ViteDevServer {
  middlewares: (req: unknown, res: unknown, next: (error?: unknown) => void) => void;
  close(): Promise<void>;
}

async function serveVite(app: FastifyInstance): Promise<void> {
  let vite: ViteDevServer;
  try {
    // Vite is a dependency of apps/web, resolved from there so the BFF does not depend on it.
    const requireFromWeb = createRequire(path.join(WEB_ROOT, 'package.json'));
    const viteModule = (await import(pathToFileURL(requireFromWeb.resolve('vite')).href)) as {
      createServer: (options: Record<string, unknown>) => Promise<ViteDevServer>;
    };
    // Hot reload rides on the BFF's own HTTP server: the browser still sees one origin.
    vite = await viteModule.createServer({
      root: WEB_ROOT,
      server: { middlewareMode: true, hmr: { server: app.server } },
      appType: 'spa',
    });
  } catch (error) {
    app.log.warn({ err: error }, 'Vite dev middleware unavailable; the SPA is not served');
    return;
  }
  const { default: middie } = await import('@fastify/middie');
  await app.register(middie);
  app.use((req: { url?: string }, res: unknown, next: (error?: unknown) => void) => {
    if (isBffPath(req.url ?? '/')) {
      next();
      return;
    }
    vite.middlewares(req, res, next);
  });
  app.addHook('onClose', () => vite.close());
}

async function webPlugin(app: FastifyInstance, options: { config: AppConfig }): Promise<void> {
  const { web } = options.config;
  if (web.mode === 'static') await serveStatic(app, web.distDir ?? path.join(WEB_ROOT, 'dist'));
  if (web.mode === 'vite') await serveVite(app);
}

export default fp(webPlugin, { name: 'web' });
