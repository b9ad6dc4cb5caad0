// The signed-in caller of a team route, as set by requireSession / requireAdmin.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { ErrorBodySchema } from '@app/contracts';
import type { Identity } from '../../auth/guards.js';
import { AppError } from '../../errors/app-error.js';

export function callerOf(request: FastifyRequest): Identity {
  // Only reachable when a route forgot its guard: fail closed.
  if (request.identity === undefined) throw new AppError('unauthenticated', 'Sign in to continue.');
  return request.identity;
}

/** Answers 200 with a streamed body that no response schema describes (NDJSON, SSE). */
export function sendStream(
  reply: FastifyReply,
  contentType: string,
  stream: Readable,
): FastifyReply {
  return (
    reply
      .code(200)
      .type(contentType)
      .header('cache-control', 'no-store')
      // Proxies such as nginx would otherwise buffer the stream and hold back progress.
      .header('x-accel-buffering', 'no')
      .send(stream)
  );
}

/** Response schemas of the error statuses a route may answer (all `{code, message}`). */
export function errorResponses<S extends number>(
  ...statuses: S[]
): Record<S, typeof ErrorBodySchema> {
  return Object.fromEntries(statuses.map((status) => [status, ErrorBodySchema])) as Record<
    S,
    typeof ErrorBodySchema
  >;
}
