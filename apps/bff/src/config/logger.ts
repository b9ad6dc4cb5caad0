// Pino options for the BFF: secrets never reach a log line. Cookies, authorization headers and
// Set-Cookie are redacted, and query strings are dropped from logged URLs (the callback's
// `code` and `state` live there).
import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';
import type { AppConfig } from './env.js';

export function redactUrl(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : `${url.slice(0, query)}?[redacted]`;
}

interface RequestLike {
  method: string;
  url: string;
  id: string;
  ip?: string;
}

export function loggerOptions(
  config: AppConfig,
  stream?: DestinationStream,
): Exclude<FastifyServerOptions['logger'], boolean | FastifyBaseLogger | undefined> {
  return {
    level: config.logLevel,
    ...(stream === undefined ? {} : { stream }),
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        'headers.cookie',
        'headers.authorization',
        '*.accessToken',
        '*.refreshToken',
        '*.idToken',
        '*.access_token',
        '*.refresh_token',
        '*.id_token',
        '*.code',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: RequestLike) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.url),
        ip: req.ip,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
