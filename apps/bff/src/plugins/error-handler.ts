// One error handler for the whole app: every 4xx/5xx body is `{code, message}` with a stable
// code from the contracts; 5xx answers never carry a stack or an upstream message.
import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorIssue } from '@app/contracts';
import { AppError } from '../errors/app-error.js';
import { GENERIC_MESSAGES, sendError } from '../errors/send-error.js';

/**
 * An issue names the top-level field only: every field the contracts declare is top-level, and
 * anything deeper (a metadata key) is the caller's data, which an error never quotes back.
 */
function fieldOf(path: readonly PropertyKey[]): string {
  const [first] = path;
  return typeof first === 'string' || typeof first === 'number' ? String(first) : '';
}

function zodIssues(error: ZodError): ErrorIssue[] {
  return error.issues.map((issue) => ({ path: fieldOf(issue.path), message: issue.message }));
}

/** Maps anything thrown to an AppError; unknown errors become internal_error. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    return new AppError('validation_failed', 'Some fields are invalid.', {
      issues: zodIssues(error),
    });
  }
  const fastifyError = error as Partial<FastifyError> & { validation?: unknown };
  if (hasZodFastifySchemaValidationErrors(error)) {
    return new AppError('validation_failed', 'Some fields are invalid.', {
      issues: error.validation.map((v) => ({
        path: fieldOf(v.instancePath.split('/').slice(1)),
        message: v.message ?? 'Invalid value',
      })),
    });
  }
  const status = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500;
  if (fastifyError.validation !== undefined) {
    return new AppError('validation_failed', 'Some fields are invalid.');
  }
  if (status === 413) return new AppError('payload_too_large', 'The request body is too large.');
  if (status === 429) return new AppError('rate_limited', 'Too many requests. Try again later.');
  if (status === 404) return new AppError('not_found', 'Not found.');
  if (status === 415) return new AppError('bad_request', 'Unsupported content type.');
  if (status >= 400 && status < 500)
    return new AppError('bad_request', 'The request is malformed.');
  return new AppError('internal_error', GENERIC_MESSAGES.internal_error ?? 'Internal error', {
    cause: error,
  });
}

function errorHandlerPlugin(app: FastifyInstance): Promise<void> {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error);
    if (appError.reported) {
      request.log.info({ code: appError.code }, 'request refused');
    } else if (appError.statusCode >= 500) {
      request.log.error({ err: appError.cause ?? error, code: appError.code }, 'request failed');
    } else {
      request.log.info({ code: appError.code }, 'request refused');
    }
    return sendError(reply, appError);
  });

  app.setNotFoundHandler((_request, reply) =>
    sendError(reply, new AppError('not_found', 'Not found.')),
  );
  return Promise.resolve();
}

export default fp(errorHandlerPlugin, { name: 'error-handler' });
